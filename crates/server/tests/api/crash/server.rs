//! The real `roster-server` binary as a child process on a throw-away
//! database, killed with SIGKILL (never a graceful stop) by the crash test.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Where the server keeps its data and its log for one test run.
pub struct Deployment {
    pub database_url: String,
    pub sqlite_path: Option<PathBuf>,
    dist: PathBuf,
    log: PathBuf,
}

impl Deployment {
    /// A SQLite file in `dir`, or a fresh PostgreSQL database on the server
    /// named by `ROSTER_TEST_DATABASE_URL`.
    pub async fn new(dir: &Path) -> Self {
        let dist = dir.join("dist");
        std::fs::create_dir_all(&dist).unwrap();
        std::fs::write(dist.join("index.html"), "<!doctype html><title>R</title>").unwrap();
        let (database_url, sqlite_path) = match std::env::var("ROSTER_TEST_DATABASE_URL") {
            Ok(base) if !base.is_empty() => {
                (crate::support::fresh_postgres_database(&base).await, None)
            }
            _ => {
                let path = dir.join("roster.db");
                (format!("sqlite://{}?mode=rwc", path.display()), Some(path))
            }
        };
        Self {
            database_url,
            sqlite_path,
            dist,
            log: dir.join("server.log"),
        }
    }

    /// Starts the binary on a free port and waits until `/readyz` answers 200.
    pub async fn start(&self, http: &reqwest::Client) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_roster-server"))
            .arg("serve")
            .args(["--port", &port.to_string()])
            .args(["--database-url", &self.database_url])
            .args(["--rate-limits", "off"])
            .arg("--dist-dir")
            .arg(&self.dist)
            .arg("--data-dir")
            .arg(self.dist.parent().unwrap_or(&self.dist))
            .args(["--log", "warn"])
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("starting roster-server");
        let server = Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
        };
        let started = Instant::now();
        loop {
            let ready = http.get(format!("{}/readyz", server.base)).send().await;
            if ready.is_ok_and(|r| r.status() == 200) {
                return server;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "the server did not become ready; log:\n{}",
                self.log_tail()
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    /// The end of the server's log, for failure messages.
    pub fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(30)..].join("\n")
    }

    /// PostgreSQL only: waits until no session of the killed server is still
    /// inside a transaction. A COMMIT the server sent just before the kill
    /// is still carried out by its backend, maybe only after the restart;
    /// checking before that would take a write as lost that then lands.
    pub async fn settle(&self) {
        use sqlx::Connection as _;
        if self.sqlite_path.is_some() {
            return;
        }
        let mut conn = sqlx::PgConnection::connect(&self.database_url)
            .await
            .unwrap();
        let started = Instant::now();
        loop {
            let busy: i64 = sqlx::query_scalar(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() \
                 AND pid <> pg_backend_pid() AND backend_type = 'client backend' \
                 AND (state <> 'idle' OR xact_start IS NOT NULL)",
            )
            .fetch_one(&mut conn)
            .await
            .unwrap();
            if busy == 0 {
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "{busy} sessions of the killed server are still in a transaction"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        conn.close().await.unwrap();
    }

    /// SQLite only: `PRAGMA integrity_check` and `foreign_key_check` of the
    /// file as the killed server left it (opening it replays the WAL).
    pub async fn sqlite_problems(&self) -> Vec<String> {
        use sqlx::Connection as _;
        let Some(path) = &self.sqlite_path else {
            return Vec::new();
        };
        let url = format!("sqlite://{}", path.display());
        let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
        let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_all(&mut conn)
            .await
            .unwrap();
        let mut problems: Vec<String> = integrity.into_iter().filter(|r| r != "ok").collect();
        let dangling = sqlx::query("PRAGMA foreign_key_check")
            .fetch_all(&mut conn)
            .await
            .unwrap();
        if !dangling.is_empty() {
            problems.push(format!("{} rows break a foreign key", dangling.len()));
        }
        conn.close().await.unwrap();
        problems
    }
}

/// A running server process; killed with SIGKILL when dropped, too.
pub struct Server {
    child: Child,
    pub base: String,
}

impl Server {
    /// `kill -9`: no shutdown hook, no flush, no graceful close.
    pub fn kill(mut self) {
        self.child.kill().expect("SIGKILL");
        self.child.wait().expect("reaping the server");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
