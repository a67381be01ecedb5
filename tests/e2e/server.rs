//! The real Roster server for browser tests: in-process, port 0, a temporary
//! SQLite database, serving the `dist/` that `cargo xtask test` built.

use roster_server::seed::{SeedOptions, SeedReport, seed};
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
        Self::start_with(None).await.0
    }

    /// Starts the server with the demo workspace of `members` members seeded,
    /// as `roster-server seed` does; the seed's report says how to sign in.
    pub async fn start_demo(members: u32) -> (Self, SeedReport) {
        let (server, report) = Self::start_with(Some(members)).await;
        (server, report.expect("a seed report"))
    }

    async fn start_with(members: Option<u32>) -> (Self, Option<SeedReport>) {
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
        let mut report = None;
        if let Some(members) = members {
            let opts = SeedOptions {
                members,
                workspace: "Demo Analytics".to_owned(),
            };
            report = Some(seed(&state, &opts).await.expect("demo data"));
        }
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(roster_server::serve_on(listener, state, async {
            let _ = stopped.await;
        }));
        let server = Self {
            base,
            _tmp: tmp,
            stop: Some(stop),
        };
        (server, report)
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

/// A signed-in API client, for arranging what a journey starts from and for
/// what another person does meanwhile: plain HTTP/1.1 over loopback (one
/// request per connection), as any client would send it.
pub struct ApiUser {
    addr: String,
    cookie: String,
    csrf: String,
}

type Res<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// Sends one request; the status, the `Set-Cookie` values and the body.
async fn exchange(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&serde_json::Value>,
) -> Res<(u16, Vec<String>, String)> {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let mut req =
        format!("{method} /api/v1{path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    if !body.is_empty() {
        req.push_str("Content-Type: application/json\r\n");
    }
    req.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    let mut stream = tokio::net::TcpStream::connect(addr).await?;
    stream.write_all(req.as_bytes()).await?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await?;
    let text = String::from_utf8(raw)?;
    let (head, rest) = text.split_once("\r\n\r\n").ok_or("no header end")?;
    let status: u16 = head.split(' ').nth(1).ok_or("no status")?.parse()?;
    let mut cookies = Vec::new();
    let mut chunked = false;
    for line in head.lines().skip(1) {
        let (k, v) = line.split_once(':').unwrap_or((line, ""));
        match k.to_ascii_lowercase().as_str() {
            "set-cookie" => cookies.push(v.trim().split(';').next().unwrap_or("").to_owned()),
            "transfer-encoding" => chunked = v.trim().eq_ignore_ascii_case("chunked"),
            _ => {}
        }
    }
    let body = if chunked {
        unchunk(rest)?
    } else {
        rest.to_owned()
    };
    Ok((status, cookies, body))
}

/// The body of a `Transfer-Encoding: chunked` answer.
fn unchunk(mut rest: &str) -> Res<String> {
    let mut out = String::new();
    loop {
        let (size, after) = rest.split_once("\r\n").ok_or("bad chunk")?;
        let n = usize::from_str_radix(size.trim(), 16)?;
        if n == 0 {
            return Ok(out);
        }
        out.push_str(after.get(..n).ok_or("short chunk")?);
        rest = after.get(n + 2..).ok_or("short chunk")?;
    }
}

impl TestServer {
    /// Signs up a new user and returns their client.
    pub async fn sign_up(&self, name: &str, email: &str, password: &str) -> Res<ApiUser> {
        let addr = self.base.trim_start_matches("http://").to_owned();
        let body = serde_json::json!({ "name": name, "email": email, "password": password });
        let (status, cookies, text) =
            exchange(&addr, "POST", "/auth/signup", &[], Some(&body)).await?;
        if status >= 300 {
            return Err(format!("sign-up of {email}: {status} {text}").into());
        }
        let v: serde_json::Value = serde_json::from_str(&text)?;
        Ok(ApiUser {
            addr,
            cookie: cookies.join("; "),
            csrf: v["csrf_token"].as_str().unwrap_or_default().to_owned(),
        })
    }
}

impl ApiUser {
    /// Sends `method path` with an optional JSON body; the answer's JSON
    /// (or `null` for 204), or the status and body when it is not 2xx.
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> Res<serde_json::Value> {
        let headers = [
            ("Cookie", self.cookie.as_str()),
            ("X-CSRF-Token", self.csrf.as_str()),
        ];
        let (status, _, text) = exchange(&self.addr, method, path, &headers, body.as_ref()).await?;
        if status >= 300 {
            return Err(format!("{method} {path}: {status} {text}").into());
        }
        Ok(if text.is_empty() {
            serde_json::Value::Null
        } else {
            serde_json::from_str(&text)?
        })
    }
}
