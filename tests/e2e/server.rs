//! The real Roster server for browser tests: in-process, port 0, a temporary
//! SQLite database, serving the `dist/` that `cargo xtask test` built.

use roster_server::{AppState, Config, Db, clock};
use std::path::PathBuf;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// A running server; stops when dropped.
pub struct TestServer {
    base: String,
    _tmp: tempfile::TempDir,
    stop: Option<oneshot::Sender<()>>,
}

impl TestServer {
    /// Starts the server over the built `dist/`.
    pub async fn start() -> Self {
        let dist = std::env::var_os("ROSTER_DIST_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist"));
        assert!(
            dist.join("index.html").exists(),
            "{} has no index.html: run `cargo xtask test`, which builds the app first",
            dist.display()
        );
        let tmp = tempfile::tempdir().expect("temp dir");
        let config = Config {
            database_url: Some(format!(
                "sqlite://{}?mode=rwc",
                tmp.path().join("e2e.db").display()
            )),
            dist_dir: dist,
            data_dir: tmp.path().to_owned(),
            port: 0,
            ..Config::defaults()
        };
        let db = Db::connect(&config.database_url()).await.expect("database");
        db.migrate().await.expect("migrations");
        let state = AppState::new(config, db, clock::system()).expect("state");
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(roster_server::serve_on(listener, state, async {
            let _ = stopped.await;
        }));
        Self {
            base,
            _tmp: tmp,
            stop: Some(stop),
        }
    }

    /// An absolute URL for `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}
