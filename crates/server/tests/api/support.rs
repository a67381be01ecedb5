//! `TestApp`: the real server on a loopback port with a throw-away database
//! (a temporary SQLite file, or a fresh PostgreSQL database per test).

use roster_server::{AppState, Config, Db, clock};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// A running server and a client that keeps cookies.
pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub db: Db,
    _tmp: tempfile::TempDir,
    stop: Option<oneshot::Sender<()>>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// The database URL for one test: SQLite in `dir`, or a new PostgreSQL
/// database created on the server named by `ROSTER_TEST_DATABASE_URL`.
async fn database_url(dir: &std::path::Path) -> String {
    match std::env::var("ROSTER_TEST_DATABASE_URL") {
        Ok(base) if !base.is_empty() => fresh_postgres_database(&base).await,
        _ => format!("sqlite://{}?mode=rwc", dir.join("roster.db").display()),
    }
}

async fn fresh_postgres_database(base: &str) -> String {
    use sqlx::Connection as _;
    static SEQ: AtomicU32 = AtomicU32::new(0);
    let name = format!(
        "roster_test_{}_{}_{}",
        std::process::id(),
        SEQ.fetch_add(1, Ordering::Relaxed),
        rand_suffix()
    );
    let mut conn = sqlx::PgConnection::connect(base)
        .await
        .expect("ROSTER_TEST_DATABASE_URL must reach PostgreSQL");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .expect("creating a test database");
    let (prefix, _) = base.rsplit_once('/').expect("a database URL has a path");
    format!("{prefix}/{name}")
}

fn rand_suffix() -> u32 {
    use rand::Rng as _;
    rand::thread_rng().r#gen()
}

impl TestApp {
    /// Starts a server with an empty `dist/` holding a stand-in `index.html`.
    pub async fn spawn() -> Self {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dist: PathBuf = tmp.path().join("dist");
        std::fs::create_dir_all(&dist).unwrap();
        std::fs::write(
            dist.join("index.html"),
            "<!doctype html><title>Roster</title>",
        )
        .unwrap();
        let config = Config {
            database_url: Some(database_url(tmp.path()).await),
            dist_dir: dist,
            port: 0,
            ..Config::defaults()
        };
        let db = Db::connect(&config.database_url()).await.expect("database");
        db.migrate().await.expect("migrations");
        let state = AppState::new(config, db.clone(), clock::system()).expect("state");
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(roster_server::serve_on(listener, state, async {
            let _ = stopped.await;
        }));
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap();
        Self {
            base,
            client,
            db,
            _tmp: tmp,
            stop: Some(stop),
        }
    }

    /// `GET` a path (relative to the server root).
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("request")
    }
}
