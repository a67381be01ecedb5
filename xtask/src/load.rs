//! `cargo xtask bench` P3–P6: the members endpoint under load (wrk,
//! 64 connections) for workspaces of 1k, 10k, 100k and 1M members on SQLite
//! and PostgreSQL, single invites, the better-auth peer on the same
//! PostgreSQL, a batch invite of 1,000 addresses, and the authorization
//! endpoint (`decisions.rs`). The release server runs
//! pinned to core 0, the load generator and PostgreSQL to core 1, so the
//! server under test has its core to itself on either database (SQLite runs
//! inside it). Left to roam, PostgreSQL's backends ran on the server's core
//! too: at 100,000 members a search made 6,100–6,700 pages a second with a
//! p99 of 16–18 ms, pinned 7,500–7,900 with 13–17 ms (2 alternating rounds).

use crate::proc::cmd;
use crate::served::{Served, cookies, curl};
use crate::wrk::Figures;
use anyhow::{Context as _, bail};
use std::fmt::Write as _;
use std::process::{Command, Stdio};
use std::time::Instant;

/// Workspace sizes measured.
const SIZES: [u32; 4] = [1_000, 10_000, 100_000, 1_000_000];
/// The size the peer is compared at (its organization has as many members).
const PEER_SIZE: u32 = 10_000;
/// The port the benchmarked server listens on.
const PORT: u16 = 18_181;

/// Runs P3 and P5 on both databases and appends their tables to `report`.
pub fn run_all(report: &mut String) -> anyhow::Result<()> {
    ensure_wrk()?;
    crate::served::build_server()?;
    let sqlite = crate::served::fresh_sqlite("members.db")?;
    let cluster = crate::postgres::Cluster::start_on(Some(crate::wrk::LOAD_CORE))?;
    report.push_str(
        "\n## P3 — members endpoint, 64 connections (wrk), server on core 0, wrk and PostgreSQL on core 1\n\n\
         | database | members | seeding | workload | req/s | p50 | p99 |\n\
         |---|---:|---:|---|---:|---:|---:|\n",
    );
    let mut p5 = String::from(
        "\n## P5 — batch invite of 1,000 addresses (3 runs, median)\n\n| database | median | runs |\n|---|---:|---|\n",
    );
    let mut first_pages = Vec::new();
    let mut invites = Vec::new();
    let mut decisions = Vec::new();
    for (name, url) in [("SQLite", sqlite), ("PostgreSQL", cluster.url())] {
        for size in SIZES {
            println!("==> {name}: seeding {size} members");
            let started = Instant::now();
            let (ws, owner) = seed(&url, size)?;
            let seeding = started.elapsed();
            let server = start_server(&url)?;
            let cookie = login(&owner)?;
            let deep = deep_cursor(&cookie, &ws)?;
            let members = format!("/api/v1/workspaces/{ws}/members");
            let workloads = [
                ("first page (50, by name)", format!("{members}?limit=50")),
                ("search \"mar\"", format!("{members}?q=mar&limit=50")),
                (
                    "search, rare (\"zz9\")",
                    format!("{members}?q=zz9&limit=50"),
                ),
                (
                    "deep cursor (by name)",
                    format!("{members}?sort=name&limit=50&cursor={deep}"),
                ),
            ];
            for (i, (label, path)) in workloads.iter().enumerate() {
                let f = wrk(&cookie, path)?;
                let seeded = if i == 0 {
                    format!("{:.1} s", seeding.as_secs_f64())
                } else {
                    String::new()
                };
                let _ = writeln!(
                    report,
                    "| {name} | {size} | {seeded} | {label} | {:.0} | {:.2} ms | {:.2} ms{} |",
                    f.rps,
                    f.p50_ms,
                    f.p99_ms,
                    f.error_note()
                );
                if i == 0 {
                    first_pages.push((name, size, f));
                }
            }
            if size == SIZES[0] {
                let runs = (0..3)
                    .map(|run| batch_invite(&cookie, &ws, run))
                    .collect::<anyhow::Result<Vec<_>>>()?;
                let mut sorted = runs.clone();
                sorted.sort_by(f64::total_cmp);
                let shown: Vec<_> = runs.iter().map(|s| format!("{:.0} ms", s * 1e3)).collect();
                let _ = writeln!(
                    p5,
                    "| {name} | {:.0} ms | {} |",
                    sorted[1] * 1e3,
                    shown.join(", ")
                );
            }
            if size == PEER_SIZE {
                let f = wrk_invites(&cookie, &ws)?;
                let _ = writeln!(
                    report,
                    "| {name} | {size} |  | invite one address (POST, new address each) | {:.0} | {:.2} ms | {:.2} ms{} |",
                    f.rps,
                    f.p50_ms,
                    f.p99_ms,
                    f.error_note()
                );
                invites.push((name, f));
                decisions.push((name, crate::decisions::measure(&cookie, &ws)?));
            }
            drop(server);
        }
    }
    crate::decisions::report(report, PEER_SIZE, &decisions);
    let peer = crate::peer::run(report, &cluster.url())?;
    let roster_check = decisions
        .iter()
        .find(|(db, _)| *db == "PostgreSQL")
        .and_then(|(_, d)| d.first())
        .map(|d| &d.figures);
    compare(report, &first_pages, &invites, roster_check, &peer);
    report.push_str("\nA page at 1M members against a page at 1k (first page p50):\n\n");
    for db in ["SQLite", "PostgreSQL"] {
        let at = |n: u32| {
            first_pages
                .iter()
                .find(|(d, s, _)| *d == db && *s == n)
                .map(|(_, _, f)| f.p50_ms)
        };
        if let (Some(small), Some(big)) = (at(1_000), at(1_000_000)) {
            let _ = writeln!(report, "- {db}: {:.2}×", big / small);
        }
    }
    report.push_str(&p5);
    Ok(())
}

/// P4's ratios: Roster on PostgreSQL at the peer's size against the peer.
fn compare(
    report: &mut String,
    first_pages: &[(&str, u32, Figures)],
    invites: &[(&str, Figures)],
    roster_check: Option<&Figures>,
    peer: &[crate::peer::PeerFigure],
) {
    report.push_str(
        "\n### P4 — Roster against better-auth (same PostgreSQL, same load generator)\n\n\
         | workload | Roster req/s | peer req/s | throughput ratio | Roster p99 | peer p99 | p99 ratio (peer ÷ Roster) |\n\
         |---|---:|---:|---:|---:|---:|---:|\n",
    );
    let roster_list = first_pages
        .iter()
        .find(|(db, size, _)| *db == "PostgreSQL" && *size == PEER_SIZE)
        .map(|(_, _, f)| f);
    let roster_invite = invites
        .iter()
        .find(|(db, _)| *db == "PostgreSQL")
        .map(|(_, f)| f);
    for p in peer {
        let (label, ours) = match p.workload {
            "list" => ("list members, 10k, first page", roster_list),
            "invite" => ("invite one address", roster_invite),
            _ => (
                "check a permission (Roster: `POST /authorize`)",
                roster_check,
            ),
        };
        match ours {
            Some(r) => {
                let _ = writeln!(
                    report,
                    "| {label} (peer: {}) | {:.0} | {:.0} | {:.2}× | {:.2} ms | {:.2} ms | {:.2}× |",
                    p.label,
                    r.rps,
                    p.figures.rps,
                    r.rps / p.figures.rps.max(0.001),
                    r.p99_ms,
                    p.figures.p99_ms,
                    p.figures.p99_ms / r.p99_ms.max(0.001)
                );
            }
            None => {
                let _ = writeln!(
                    report,
                    "| {label} (peer: {}) | – | {:.0} | – | – | {:.2} ms | – |",
                    p.label, p.figures.rps, p.figures.p99_ms
                );
            }
        }
    }
}

fn ensure_wrk() -> anyhow::Result<()> {
    if Command::new("wrk").arg("--version").output().is_ok() {
        return Ok(());
    }
    crate::tools::apt_install(&["wrk"])
}

/// Seeds a workspace of `size` members; returns its id and the owner's email.
pub(crate) fn seed(url: &str, size: u32) -> anyhow::Result<(String, String)> {
    let mut c = cmd(&binary());
    c.args(["seed", "--members", &size.to_string(), "--workspace"])
        .arg(format!("Bench {size}"))
        .args(["--database-url", url])
        .arg("--data-dir")
        .arg(data_dir())
        .env("ROSTER_LOG", "warn")
        .stderr(Stdio::inherit());
    let out = c.output().context("roster-server seed")?;
    if !out.status.success() {
        bail!("roster-server seed failed ({})", out.status);
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let ws = text
        .split(['(', ')'])
        .find(|s| s.starts_with("ws_"))
        .context("seed printed no workspace id")?;
    let owner = text
        .split_whitespace()
        .skip_while(|w| *w != "as")
        .nth(1)
        .context("seed printed no owner")?;
    Ok((ws.to_owned(), owner.to_owned()))
}

/// The measured server's data folder (its secret key).
fn data_dir() -> std::path::PathBuf {
    crate::root().join("target/bench/data")
}

fn binary() -> String {
    crate::root()
        .join("target/release/roster-server")
        .display()
        .to_string()
}

/// Starts the release server pinned to core 0.
pub(crate) fn start_server(url: &str) -> anyhow::Result<Served> {
    let mut c = cmd("taskset");
    let core = crate::wrk::SERVER_CORE.to_string();
    c.args(["-c", &core, &binary(), "serve", "--port", &PORT.to_string()])
        .args(["--database-url", url, "--rate-limits", "off"])
        .arg("--data-dir")
        .arg(data_dir())
        .env("ROSTER_LOG", "warn")
        .stdout(Stdio::null());
    Served::start(c, PORT, "the benchmarked roster-server")
}

pub(crate) fn api(path: &str) -> String {
    format!("http://127.0.0.1:{PORT}{path}")
}

/// Signs in as the seeded owner; returns the `Cookie` header value.
fn login(email: &str) -> anyhow::Result<String> {
    let body = serde_json::json!({"email": email, "password": "roster-demo-password"}).to_string();
    let headers = curl(&[
        "-D",
        "-",
        "-o",
        "/dev/null",
        "-H",
        "content-type: application/json",
        "--data",
        &body,
        &api("/api/v1/auth/login"),
    ])?;
    let cookie = cookies(&headers);
    anyhow::ensure!(!cookie.is_empty(), "log-in set no cookie");
    Ok(cookie)
}

/// A cursor 60 rows before the end of the list sorted by name: the deepest
/// page there is. Mirrors the server's opaque format `[sort, desc, key, id]`;
/// if that changes, wrk counts errors and the bench fails.
fn deep_cursor(cookie: &str, ws: &str) -> anyhow::Result<String> {
    let path = format!("/api/v1/workspaces/{ws}/members?sort=name&order=desc&limit=60");
    let page: serde_json::Value =
        serde_json::from_str(&curl(&["-H", &format!("cookie: {cookie}"), &api(&path)])?)?;
    let row = page["items"]
        .as_array()
        .and_then(|a| a.last())
        .context("no members")?;
    let json = serde_json::json!(["name", false, row["name"], row["id"]]).to_string();
    Ok(base64url(json.as_bytes()))
}

fn base64url(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// Drives `path` with wrk as the signed-in owner.
fn wrk(cookie: &str, path: &str) -> anyhow::Result<Figures> {
    // One request first: it waits behind whatever the previous workload
    // left queued in the server (slow searches), so each run starts clean.
    let header = format!("cookie: {cookie}");
    curl(&["-o", "/dev/null", "-m", "120", "-H", &header, &api(path)])?;
    crate::wrk::drive(&api(path), &[format!("Cookie: {cookie}")], None, &[])
}

/// Single invites, one new address per request (bench/roster/invite.lua).
fn wrk_invites(cookie: &str, ws: &str) -> anyhow::Result<Figures> {
    let script = crate::root().join("bench/roster/invite.lua");
    let headers = [
        format!("Cookie: {cookie}"),
        format!("X-CSRF-Token: {}", csrf(cookie)?),
        "Content-Type: application/json".to_owned(),
    ];
    let nonce = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    let url = api(&format!("/api/v1/workspaces/{ws}/invitations"));
    crate::wrk::drive(
        &url,
        &headers,
        Some(&script),
        &[("ROSTER_RUN", nonce.to_string())],
    )
}

/// The session's CSRF token, from `GET /me`.
pub(crate) fn csrf(cookie: &str) -> anyhow::Result<String> {
    let me: serde_json::Value = serde_json::from_str(&curl(&[
        "-H",
        &format!("cookie: {cookie}"),
        &api("/api/v1/me"),
    ])?)?;
    Ok(me["csrf_token"]
        .as_str()
        .context("no csrf token")?
        .to_owned())
}

/// Invites 1,000 new addresses in one request; returns the seconds it took.
fn batch_invite(cookie: &str, ws: &str, run: usize) -> anyhow::Result<f64> {
    let me: serde_json::Value = serde_json::from_str(&curl(&[
        "-H",
        &format!("cookie: {cookie}"),
        &api("/api/v1/me"),
    ])?)?;
    let csrf = me["csrf_token"]
        .as_str()
        .context("no csrf token")?
        .to_owned();
    let invites: Vec<_> = (0..1_000)
        .map(|i| serde_json::json!({"email": format!("batch{run}-{i}@bench.example"), "role": "viewer"}))
        .collect();
    let body = serde_json::json!({ "invites": invites }).to_string();
    let file = crate::root().join("target/bench/batch.json");
    std::fs::write(&file, body)?;
    let out = curl(&[
        "-o",
        "/dev/null",
        "-w",
        "%{time_total}",
        "-H",
        &format!("cookie: {cookie}"),
        "-H",
        &format!("x-csrf-token: {csrf}"),
        "-H",
        "content-type: application/json",
        "--data-binary",
        &format!("@{}", file.display()),
        &api(&format!("/api/v1/workspaces/{ws}/invitations")),
    ])?;
    out.trim().parse().context("curl timing")
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64url_matches_the_standard_alphabet_without_padding() {
        assert_eq!(super::base64url(b"f"), "Zg");
        assert_eq!(super::base64url(b"fo"), "Zm8");
        assert_eq!(super::base64url(b"foo"), "Zm9v");
        assert_eq!(super::base64url(b"\xfb\xff"), "-_8");
    }
}
