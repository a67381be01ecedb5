//! `TestApp`: the real server on a loopback port with a throw-away database
//! (a temporary SQLite file, or a fresh PostgreSQL database per test), and
//! `Session`: one signed-in browser with its own cookies and CSRF token.

use roster_api::{
    CreateWorkspaceRequest, MemberResponse, Page, Problem, SessionResponse, WorkspaceResponse,
};
use roster_server::clock::{self, Clock, FixedClock};
use roster_server::store::members::{MemberRecord, insert_member};
use roster_server::{AppState, Config, Db, Switch};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// The password every test account uses.
pub const PASSWORD: &str = "correct horse battery";

/// A running server and a client that keeps cookies.
pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub db: Db,
    /// Opens the outbox bodies the server sealed.
    pub sealer: roster_server::auth::seal::Sealer,
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
pub(crate) async fn database_url(dir: &std::path::Path) -> String {
    match std::env::var("ROSTER_TEST_DATABASE_URL") {
        Ok(base) if !base.is_empty() => fresh_postgres_database(&base).await,
        _ => format!("sqlite://{}?mode=rwc", dir.join("roster.db").display()),
    }
}

/// A new, empty database on the PostgreSQL server `base` points at.
pub async fn fresh_postgres_database(base: &str) -> String {
    use sqlx::Connection as _;
    static SEQ: AtomicU32 = AtomicU32::new(0);
    let name = format!(
        "roster_test_{}_{}_{}_{}",
        host_tag(),
        std::process::id(),
        SEQ.fetch_add(1, Ordering::Relaxed),
        rand_suffix()
    );
    let mut conn = sqlx::PgConnection::connect(base)
        .await
        .expect("ROSTER_TEST_DATABASE_URL must reach PostgreSQL");
    static SWEPT: tokio::sync::OnceCell<()> = tokio::sync::OnceCell::const_new();
    SWEPT.get_or_init(|| sweep_finished_runs(base)).await;
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .expect("creating a test database");
    let (prefix, _) = base.rsplit_once('/').expect("a database URL has a path");
    format!("{prefix}/{name}")
}

/// Drops the databases earlier test runs on this host created on `base` (a
/// server that outlives the run, such as a developer's own): those of
/// processes that have ended. Another host's (or container's) are left
/// alone, and so is any database still in use (no FORCE). The run's own
/// stay until the next run, for a look.
async fn sweep_finished_runs(base: &str) {
    use sqlx::Connection as _;
    if !std::path::Path::new("/proc/self").exists() {
        return; // no way to tell a finished run from a running one
    }
    let mut conn = sqlx::PgConnection::connect(base)
        .await
        .expect("ROSTER_TEST_DATABASE_URL must reach PostgreSQL");
    let names: Vec<String> =
        sqlx::query_scalar(r"SELECT datname FROM pg_database WHERE datname LIKE 'roster\_test\_%'")
            .fetch_all(&mut conn)
            .await
            .expect("listing test databases");
    let tag = host_tag();
    for name in names {
        // roster_test_<host>_<pid>_<seq>_<random>, or before the host tag
        // roster_test_<pid>_<seq>_<random>.
        let parts: Vec<&str> = name.split('_').collect();
        let pid = match parts.as_slice() {
            [_, _, host, pid, _, _] if *host == tag => *pid,
            [_, _, pid, _, _] => *pid,
            _ => continue,
        };
        if !std::path::Path::new(&format!("/proc/{pid}")).exists() {
            // In use, or dropped by another sweeping run: left as it is.
            let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
                .execute(&mut conn)
                .await;
        }
    }
}

/// Eight hex digits naming this host and process-id namespace (a
/// container has its own), so a sweep reads process ids only where they
/// mean something.
fn host_tag() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap_or_default();
    let pids = std::fs::read_link("/proc/self/ns/pid").unwrap_or_default();
    let hash = format!("{}{}", host.trim(), pids.display())
        .bytes()
        .fold(0x811c_9dc5_u32, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        });
    format!("{hash:08x}")
}

fn rand_suffix() -> u32 {
    use rand::Rng as _;
    rand::thread_rng().r#gen()
}

fn cookie_client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap()
}

impl TestApp {
    /// Starts a server (rate limits off) with a stand-in `index.html`.
    pub async fn spawn() -> Self {
        Self::spawn_with(|c| c.rate_limits = Switch::Off).await
    }

    /// Starts a server with adjusted settings.
    pub async fn spawn_with(adjust: impl FnOnce(&mut Config)) -> Self {
        Self::start(adjust, clock::system()).await
    }

    /// Starts a server (rate limits off) on a clock the test moves.
    pub async fn spawn_with_clock() -> (Self, Arc<FixedClock>) {
        let start = chrono::DateTime::parse_from_rfc3339("2026-03-01T09:00:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        let fixed = FixedClock::new(start);
        let app = Self::start(|c| c.rate_limits = Switch::Off, fixed.clone()).await;
        (app, fixed)
    }

    async fn start(adjust: impl FnOnce(&mut Config), clock: Arc<dyn Clock>) -> Self {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dist: PathBuf = tmp.path().join("dist");
        std::fs::create_dir_all(&dist).unwrap();
        std::fs::write(
            dist.join("index.html"),
            "<!doctype html><title>Roster</title>",
        )
        .unwrap();
        let mut config = Config {
            database_url: Some(database_url(tmp.path()).await),
            dist_dir: dist,
            data_dir: tmp.path().to_owned(),
            port: 0,
            ..Config::defaults()
        };
        adjust(&mut config);
        let db = Db::connect_sized(&config.database_url(), config.database_pool)
            .await
            .expect("database");
        db.migrate().await.expect("migrations");
        let state = AppState::new(config, db.clone(), clock).expect("state");
        let sealer = state.sealer.clone();
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(roster_server::serve_on(listener, state, async {
            let _ = stopped.await;
        }));
        Self {
            base,
            client: cookie_client(),
            db,
            sealer,
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

    /// `POST` JSON to an API path without any session.
    pub async fn post_anon<B: Serialize>(&self, path: &str, body: &B) -> reqwest::Response {
        self.client
            .post(format!("{}/api/v1{path}", self.base))
            .json(body)
            .send()
            .await
            .expect("request")
    }

    /// A raw request to an API path from a fresh, cookie-less client.
    pub fn raw(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.client
            .request(method, format!("{}/api/v1{path}", self.base))
    }

    /// Signs up `email` and returns the signed-in browser.
    pub async fn signup(&self, email: &str, name: &str) -> Session {
        let client = cookie_client();
        let res = client
            .post(format!("{}/api/v1/auth/signup", self.base))
            .json(&serde_json::json!({"email": email, "password": PASSWORD, "name": name}))
            .send()
            .await
            .expect("request");
        assert_eq!(res.status(), 201, "signup {email}");
        let body: SessionResponse = res.json().await.unwrap();
        Session {
            base: self.base.clone(),
            client,
            csrf: body.csrf_token,
            user_id: body.user.id,
            email: body.user.email,
        }
    }

    /// Adds `who` to a workspace with a role, as invitations will once they exist.
    pub async fn add_member(&self, ws: &str, who: &Session, role: &str) -> String {
        let id = format!("mem_test_{}", rand_suffix());
        let record = MemberRecord {
            id: id.clone(),
            workspace_id: ws.to_owned(),
            user_id: Some(who.user_id.clone()),
            api_key_id: None,
            name: who.email.split('@').next().unwrap_or_default().to_owned(),
            email: who.email.clone(),
            role: role.to_owned(),
            status: "active".to_owned(),
            feature_access: "\"all\"".to_owned(),
            resource_access: "\"all\"".to_owned(),
            joined_at: "2026-01-01T00:00:00.000000Z".to_owned(),
            invited_by: None,
        };
        self.insert_member(&record).await;
        id
    }

    /// Writes a member row as given, straight to the database.
    pub async fn insert_member(&self, record: &MemberRecord) {
        let mut tx = self.db.write().await.unwrap();
        insert_member(&mut tx, record).await.unwrap();
        tx.commit().await.unwrap();
    }

    /// Audit events recorded for a workspace.
    pub async fn audit_count(&self, ws: &str) -> i64 {
        let mut tx = self.db.read().await.unwrap();
        let n = roster_server::store::audit::count_audit_events(&mut tx, ws)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        n
    }

    /// Active owners of a workspace.
    pub async fn owner_count(&self, ws: &str) -> u32 {
        let mut tx = self.db.read().await.unwrap();
        let n = roster_server::store::members::count_active_owners(&mut tx, ws)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        n
    }
}

/// One signed-in browser: cookies plus the CSRF token on unsafe requests.
#[derive(Clone)]
pub struct Session {
    pub base: String,
    pub client: reqwest::Client,
    pub csrf: String,
    pub user_id: String,
    pub email: String,
}

impl Session {
    fn url(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.base)
    }

    /// A request to an API path with the CSRF header.
    pub fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.client
            .request(method, self.url(path))
            .header("x-csrf-token", &self.csrf)
    }

    /// `GET` an API path.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    /// `GET` and decode.
    pub async fn get_ok<T: DeserializeOwned>(&self, path: &str) -> T {
        let res = self.get(path).await;
        assert_eq!(res.status(), 200, "GET {path}");
        res.json().await.unwrap()
    }

    /// An unsafe method with a JSON body.
    pub async fn send<B: Serialize>(
        &self,
        method: reqwest::Method,
        path: &str,
        body: &B,
    ) -> reqwest::Response {
        self.request(method, path).json(body).send().await.unwrap()
    }

    /// `POST` JSON.
    pub async fn post<B: Serialize>(&self, path: &str, body: &B) -> reqwest::Response {
        self.send(reqwest::Method::POST, path, body).await
    }

    /// `PATCH` JSON.
    pub async fn patch<B: Serialize>(&self, path: &str, body: &B) -> reqwest::Response {
        self.send(reqwest::Method::PATCH, path, body).await
    }

    /// `DELETE` without a body.
    pub async fn delete(&self, path: &str) -> reqwest::Response {
        self.request(reqwest::Method::DELETE, path)
            .send()
            .await
            .unwrap()
    }

    /// Creates a workspace in the first default region.
    pub async fn create_workspace(&self, name: &str) -> WorkspaceResponse {
        let req = CreateWorkspaceRequest {
            name: name.to_owned(),
            region: "eu-central-1".to_owned(),
        };
        let res = self.post("/workspaces", &req).await;
        assert_eq!(res.status(), 201, "create workspace {name}");
        res.json().await.unwrap()
    }

    /// The whole team table (one page of up to 200).
    pub async fn members(&self, ws: &str) -> Vec<MemberResponse> {
        let page: Page<MemberResponse> = self
            .get_ok(&format!("/workspaces/{ws}/members?limit=200"))
            .await;
        page.items
    }

    /// This user's own member row in `ws`.
    pub async fn my_member_id(&self, ws: &str) -> String {
        let members = self.members(ws).await;
        let me = members
            .iter()
            .find(|m| m.user_id.as_deref() == Some(&self.user_id));
        me.expect("a member of the workspace").id.clone()
    }
}

/// Asserts a problem answer and returns its body.
pub async fn problem(res: reqwest::Response, status: u16, code: &str) -> Problem {
    assert_eq!(res.status(), status, "status");
    assert_eq!(
        res.headers()["content-type"],
        "application/problem+json",
        "media type"
    );
    let p: Problem = res.json().await.unwrap();
    assert_eq!(p.code, code, "code of {p:?}");
    p
}

impl TestApp {
    /// The invitation token in the latest outbox message to `email`.
    pub async fn latest_invite_token(&self, email: &str) -> String {
        let mut tx = self.db.read().await.unwrap();
        let bodies = roster_server::store::outbox::list_outbox_bodies(&mut tx, email)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let (id, sealed) = bodies.last().expect("a message in the outbox");
        assert!(!sealed.contains("token="), "the outbox keeps links sealed");
        let body = self
            .sealer
            .open(sealed, id)
            .expect("the server's own seal opens");
        let (_, rest) = body.split_once("token=").expect("a link with a token");
        rest.split_whitespace().next().unwrap().to_owned()
    }
}
