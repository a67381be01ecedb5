//! `cargo xtask bench` P4: the peer. A small Node server using the npm package
//! `better-auth` and its organization plugin on PostgreSQL (pure-JS `pg`
//! driver), from `bench/peers/better-auth/`: installed with `npm ci`, migrated
//! and seeded with one organization of 10,000 members in its own database of
//! the given cluster, run pinned to core 0 on port 18282, and driven by wrk
//! pinned to core 1 (with PostgreSQL) with the settings of Roster's P3 (`-t2 -c64 -d8s`) on
//! three workloads: list members (first page of 50), invite (one new address
//! per request) and check a permission.
//!
//! Entry point: [`run`], called by `load.rs` on the cluster Roster's own
//! PostgreSQL figures were taken on (`cargo xtask bench load`).

use crate::proc::{cmd, output, run as run_cmd};
use crate::served::{Served, cookies, curl};
use crate::wrk::Figures;
use anyhow::{Context as _, bail};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// The port the peer listens on (Roster's bench uses 18181).
pub const PORT: u16 = 18_282;
/// Members in the seeded organization, owner included.
pub const MEMBERS: u32 = 10_000;
/// The database the peer gets in the cluster (dropped and recreated).
const DATABASE: &str = "peer_bench";

/// One workload's figures on the peer.
#[derive(Debug, Clone)]
pub struct PeerFigure {
    /// Stable key: `"list"`, `"invite"` or `"permission"`.
    pub workload: &'static str,
    /// What was measured, for the report.
    pub label: &'static str,
    pub figures: Figures,
}

/// What `seed.mjs` prints.
#[derive(Debug)]
struct Seeded {
    organization: String,
    email: String,
    password: String,
    members: u64,
    seconds: f64,
}

/// Installs, seeds, starts and drives the better-auth peer against the
/// PostgreSQL cluster at `pg_url` (any database of it: the peer gets a fresh
/// `peer_bench` database next to it), appends a P4 table to `report` and
/// returns the figures so the caller can put Roster's beside them.
pub fn run(report: &mut String, pg_url: &str) -> anyhow::Result<Vec<PeerFigure>> {
    let dir = peer_dir();
    let node = node_version()?;
    println!("==> P4: installing the better-auth peer (npm ci, node {node})");
    let mut npm = cmd("npm");
    npm.current_dir(&dir)
        .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"]);
    run_cmd(npm).context("npm ci in bench/peers/better-auth")?;
    let version = package_version(&dir, "better-auth")?;

    let url = database_url(pg_url, DATABASE)?;
    let mut psql = Command::new(psql_binary());
    psql.args([pg_url, "-q", "-v", "ON_ERROR_STOP=1"])
        .args(["-c", &format!("DROP DATABASE IF EXISTS {DATABASE}")])
        .args(["-c", &format!("CREATE DATABASE {DATABASE}")])
        .env("PGOPTIONS", "-c client_min_messages=warning")
        .stdout(Stdio::null());
    run_cmd(psql).context("creating the peer's database")?;

    println!("==> P4: migrating and seeding {MEMBERS} members (better-auth {version})");
    let seeded = seed(&dir, &url)?;
    anyhow::ensure!(
        seeded.members == u64::from(MEMBERS),
        "seeded {} members, wanted {MEMBERS}",
        seeded.members
    );

    let server = start_peer(&dir, &url)?;
    let cookie = sign_in(&seeded.email, &seeded.password)?;
    post(
        &cookie,
        "/organization/set-active",
        &serde_json::json!({ "organizationId": seeded.organization }).to_string(),
    )?;
    // One request each first, so a broken workload fails loudly rather than
    // as a wall of non-2xx answers.
    let page: serde_json::Value = serde_json::from_str(&curl(&[
        "-H",
        &format!("cookie: {cookie}"),
        &api("/organization/list-members?limit=50"),
    ])?)?;
    let listed = page["members"].as_array().map_or(0, Vec::len);
    anyhow::ensure!(
        listed == 50 && page["total"] == u64::from(MEMBERS),
        "list-members answered {listed} members of {}",
        page["total"]
    );
    let allowed: serde_json::Value = serde_json::from_str(&post(
        &cookie,
        "/organization/has-permission",
        r#"{"permissions":{"invitation":["create"]}}"#,
    )?)?;
    anyhow::ensure!(
        allowed["success"] == true,
        "has-permission answered {allowed}"
    );
    post(
        &cookie,
        "/organization/invite-member",
        r#"{"email":"probe@invite.example","role":"member"}"#,
    )?;

    let workloads = [
        (
            "list",
            "list members, first page of 50 (`GET /organization/list-members?limit=50`, no sort)",
            "/organization/list-members?limit=50",
            None,
        ),
        (
            "permission",
            "check a permission (`POST /organization/has-permission`, invitation:create)",
            "/organization/has-permission",
            Some("has-permission.lua"),
        ),
        (
            "invite",
            "invite one new address (`POST /organization/invite-member`, role member)",
            "/organization/invite-member",
            Some("invite.lua"),
        ),
    ];
    let _ = write!(
        report,
        "\n## P4 — peer: better-auth {version} organization plugin (Node {node}, `pg`), \
         PostgreSQL, one organization of {MEMBERS} members; 64 connections (wrk), \
         peer on core 0, wrk and PostgreSQL on core 1\n\n\
         Seeding (migration, owner sign-up, bulk SQL inserts of the other members): {:.1} s.\n\n\
         | workload | req/s | p50 | p99 |\n|---|---:|---:|---:|\n",
        seeded.seconds
    );
    let mut figures = Vec::new();
    for (workload, label, path, script) in workloads {
        println!("==> P4: {label}");
        let script = script.map(|s| dir.join(s));
        let f = wrk(&cookie, path, script.as_deref())?;
        let errors = if f.errors.is_empty() {
            String::new()
        } else {
            format!(" ({})", f.errors)
        };
        let _ = writeln!(
            report,
            "| {label} | {:.0} | {:.2} ms | {:.2} ms{errors} |",
            f.rps, f.p50_ms, f.p99_ms
        );
        figures.push(PeerFigure {
            workload,
            label,
            figures: f,
        });
    }
    drop(server);
    Ok(figures)
}

fn peer_dir() -> PathBuf {
    crate::root().join("bench/peers/better-auth")
}

/// `v20.20.2`; installs Node and npm from Debian when missing.
fn node_version() -> anyhow::Result<String> {
    let probe = || {
        let mut c = cmd("node");
        c.arg("--version");
        output(c)
    };
    if let Some(v) = probe() {
        return Ok(v);
    }
    crate::tools::apt_install(&["nodejs", "npm"])?;
    probe().context("node is not installed")
}

/// The version of an installed npm package in the peer's `node_modules`.
fn package_version(dir: &std::path::Path, package: &str) -> anyhow::Result<String> {
    let file = dir.join("node_modules").join(package).join("package.json");
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&file)?)?;
    json["version"]
        .as_str()
        .map(str::to_owned)
        .with_context(|| format!("no version in {}", file.display()))
}

/// `postgres://u@h:p/postgres?x=y` with its database replaced by `name`.
fn database_url(url: &str, name: &str) -> anyhow::Result<String> {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let authority = base
        .split_once("://")
        .map(|(_, rest)| rest)
        .context("not a postgres:// URL")?;
    let base = match authority.split_once('/') {
        Some((_, db)) => &base[..base.len() - db.len() - 1],
        None => base,
    };
    Ok(match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    })
}

fn psql_binary() -> PathBuf {
    crate::postgres::bin_dir()
        .map(|bin| bin.join("psql"))
        .filter(|p| p.exists())
        .unwrap_or_else(|| PathBuf::from("psql"))
}

fn seed(dir: &std::path::Path, url: &str) -> anyhow::Result<Seeded> {
    let out = Command::new("node")
        .arg("seed.mjs")
        .current_dir(dir)
        .env("DATABASE_URL", url)
        .env("MEMBERS", MEMBERS.to_string())
        .stderr(Stdio::inherit())
        .output()
        .context("node seed.mjs")?;
    let text = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        bail!("node seed.mjs failed ({}):\n{text}", out.status);
    }
    parse_seeded(&text).with_context(|| format!("reading seed.mjs's output:\n{text}"))
}

/// Reads the last JSON line `seed.mjs` prints.
fn parse_seeded(text: &str) -> Option<Seeded> {
    let line = text
        .lines()
        .rev()
        .find(|l| l.trim_start().starts_with('{'))?;
    let v: serde_json::Value = serde_json::from_str(line).ok()?;
    Some(Seeded {
        organization: v["organizationId"].as_str()?.to_owned(),
        email: v["email"].as_str()?.to_owned(),
        password: v["password"].as_str()?.to_owned(),
        members: v["members"].as_u64()?,
        seconds: v["seconds"].as_f64()?,
    })
}

/// Starts the peer pinned to core 0; its log goes to
/// `target/bench/peer-server.log`.
fn start_peer(dir: &std::path::Path, url: &str) -> anyhow::Result<Served> {
    let log_dir = crate::root().join("target/bench");
    std::fs::create_dir_all(&log_dir)?;
    let log = std::fs::File::create(log_dir.join("peer-server.log"))?;
    let mut c = Command::new("taskset");
    c.args([
        "-c",
        &crate::wrk::SERVER_CORE.to_string(),
        "node",
        "server.mjs",
    ])
    .current_dir(dir)
    .env("DATABASE_URL", url)
    .env("PORT", PORT.to_string())
    .env("NODE_ENV", "production")
    .stdout(log.try_clone()?)
    .stderr(log);
    Served::start(c, PORT, "the peer (see target/bench/peer-server.log)")
}

fn api(path: &str) -> String {
    format!("http://127.0.0.1:{PORT}/api/auth{path}")
}

/// better-auth refuses cookie-bearing POSTs without a trusted `Origin`.
fn origin() -> String {
    format!("http://127.0.0.1:{PORT}")
}

fn post(cookie: &str, path: &str, body: &str) -> anyhow::Result<String> {
    curl(&[
        "-H",
        &format!("cookie: {cookie}"),
        "-H",
        &format!("origin: {}", origin()),
        "-H",
        "content-type: application/json",
        "--data",
        body,
        &api(path),
    ])
}

/// Signs in through `POST /api/auth/sign-in/email`; returns the `Cookie`
/// header value (`better-auth.session_token=…`).
fn sign_in(email: &str, password: &str) -> anyhow::Result<String> {
    let body = serde_json::json!({ "email": email, "password": password }).to_string();
    let headers = curl(&[
        "-D",
        "-",
        "-o",
        "/dev/null",
        "-H",
        &format!("origin: {}", origin()),
        "-H",
        "content-type: application/json",
        "--data",
        &body,
        &api("/sign-in/email"),
    ])?;
    let cookie = cookies(&headers);
    anyhow::ensure!(
        cookie.contains("session_token="),
        "sign-in set no session cookie:\n{headers}"
    );
    Ok(cookie)
}

/// Drives `path` with wrk, with a Lua script for the POST workloads.
fn wrk(cookie: &str, path: &str, script: Option<&std::path::Path>) -> anyhow::Result<Figures> {
    let headers = [
        format!("Cookie: {cookie}"),
        format!("Origin: {}", origin()),
        "Content-Type: application/json".to_owned(),
    ];
    // A fresh nonce per run keeps invite.lua's addresses unique across runs.
    let nonce = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    crate::wrk::drive(
        &api(path),
        &headers,
        script,
        &[("PEER_RUN", nonce.to_string())],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_of_a_url_is_replaced() {
        let url = |u: &str| database_url(u, "peer_bench").unwrap();
        assert_eq!(
            url("postgres://postgres@127.0.0.1:5432/postgres"),
            "postgres://postgres@127.0.0.1:5432/peer_bench"
        );
        assert_eq!(
            url("postgres://u:p@h:1/roster?sslmode=disable"),
            "postgres://u:p@h:1/peer_bench?sslmode=disable"
        );
        assert_eq!(url("postgres://h"), "postgres://h/peer_bench");
        assert!(database_url("h:1/x", "y").is_err());
    }

    #[test]
    fn seed_output_is_read() {
        let text = "some warning\n{\"organizationId\":\"org1\",\"email\":\"o@x\",\"password\":\"pw\",\"members\":10000,\"seconds\":2.5}\n";
        let s = parse_seeded(text).unwrap();
        assert_eq!(
            (
                s.organization.as_str(),
                s.email.as_str(),
                s.password.as_str()
            ),
            ("org1", "o@x", "pw")
        );
        assert_eq!((s.members, s.seconds), (10_000, 2.5));
        assert!(parse_seeded("no json").is_none());
    }
}
