//! What the benchmarks need around the server they measure: its release
//! build, the process (started, waited for on its port, killed when dropped)
//! and small HTTP calls through curl for signing in and setting up.

use crate::proc::{cmd, run};
use anyhow::{Context as _, bail};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

/// A benchmarked server process; killed when dropped.
pub struct Served(Child);

impl Served {
    /// Spawns `c` and waits (up to 60 s) until `port` answers; `what` names
    /// it in errors.
    pub fn start(mut c: Command, port: u16, what: &str) -> anyhow::Result<Self> {
        let mut server = Self(c.spawn().with_context(|| format!("starting {what}"))?);
        let deadline = Instant::now() + Duration::from_secs(60);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if server.0.try_wait()?.is_some() || Instant::now() > deadline {
                bail!("{what} did not start");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(server)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Runs curl quietly, failing with the answer's body on an error status.
pub fn curl(args: &[&str]) -> anyhow::Result<String> {
    let out = Command::new("curl")
        .args(["-sS", "--fail-with-body"])
        .args(args)
        .output()
        .context("curl")?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    if !out.status.success() {
        bail!("curl {args:?} failed: {text}");
    }
    Ok(text)
}

/// Every `Set-Cookie` of a response's headers (`curl -D -`) as one `Cookie`
/// header value.
pub fn cookies(headers: &str) -> String {
    headers
        .lines()
        .filter_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.trim().eq_ignore_ascii_case("set-cookie").then(|| {
                value
                    .trim()
                    .split(';')
                    .next()
                    .unwrap_or_default()
                    .to_owned()
            })
        })
        .filter(|c| !c.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The URL of a new, empty SQLite database `target/bench/<name>` (any
/// earlier file and its WAL are removed).
pub(crate) fn fresh_sqlite(name: &str) -> anyhow::Result<String> {
    let dir = crate::root().join("target/bench");
    std::fs::create_dir_all(&dir)?;
    let file = dir.join(name);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
    }
    Ok(format!("sqlite://{}?mode=rwc", file.display()))
}

/// Builds the measured server in release.
pub(crate) fn build_server() -> anyhow::Result<()> {
    println!("==> building the server in release");
    let mut build = cmd("cargo");
    build.args(["build", "--release", "--quiet", "-p", "roster-server"]);
    run(build)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::cookies;

    #[test]
    fn set_cookie_headers_become_one_cookie_header() {
        let headers = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\
            set-cookie: better-auth.session_token=abc.d%2B; Max-Age=604800; Path=/; HttpOnly\r\n\
            Set-Cookie: other=1; Path=/\r\n\r\n";
        assert_eq!(
            cookies(headers),
            "better-auth.session_token=abc.d%2B; other=1"
        );
        assert_eq!(cookies("HTTP/1.1 200 OK\r\n\r\n"), "");
    }
}
