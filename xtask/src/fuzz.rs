//! API fuzzing with Schemathesis against `/api/v1/openapi.json`: once
//! anonymous and once per built-in role, each role in a team of its own, on
//! the database the caller names; then the secret scan of that database and
//! the server's log. Zero failures and zero secrets found, or the step fails.

mod secrets;
mod team;

use crate::proc::{cmd, human};
use crate::served::Served;
use anyhow::Context as _;
use secrets::Secrets;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};
use team::{Caller, Team};

/// Pinned so a run on a fresh machine fuzzes exactly what it did here.
pub const SCHEMATHESIS_VERSION: &str = "4.32.5";
/// Fixed, so a failure is the same failure on the next run and in CI.
const SEED: &str = "20261123";
/// Generated cases per operation, per principal.
const EXAMPLES: &str = "25";

/// Values a schema cannot describe, because only the server can know them:
/// an opaque cursor it issued, a confirmation that must repeat the
/// workspace's name. There, a well-formed but unknown value may also get
/// 422; everything else about those operations is checked as usual.
const SEMANTIC: &str = r#"
# A body over the size limit is refused too, with 413.
[checks.negative_data_rejection]
expected-statuses = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429"]
[[operations]]
include-path-regex = "/(members|invitations|audit|outbox|config)$"
include-method = "GET"
checks.positive_data_acceptance.expected-statuses = ["2xx", "401", "403", "404", "409", "422"]

[[operations]]
include-path = "/api/v1/workspaces/{ws}"
include-method = "DELETE"
checks.positive_data_acceptance.expected-statuses = ["2xx", "401", "403", "404", "409", "422"]
"#;

/// Who the run calls as: nobody, or a member of the given role.
const PRINCIPALS: [&str; 5] = ["anonymous", "owner", "admin", "editor", "viewer"];

/// Fuzzes a fresh server on `database_url`; `label` names the database in
/// file names (`target/fuzz/<label>-…`).
pub fn run(database_url: &str, label: &str, port: u16) -> anyhow::Result<Duration> {
    let started = Instant::now();
    let st = crate::tools::ensure_schemathesis()?;
    let dir = crate::root().join("target/fuzz");
    std::fs::create_dir_all(&dir)?;
    let log = std::fs::File::create(dir.join(format!("{label}-server.log")))?;
    let mut c = cmd(&server_binary()?.display().to_string());
    c.args(["serve", "--port", &port.to_string()])
        .args(["--database-url", database_url, "--rate-limits", "off"])
        .arg("--data-dir")
        .arg(dir.join(format!("{label}-data")))
        .env("ROSTER_LOG", "info")
        .stdout(log.try_clone()?)
        .stderr(log);
    let server = Served::start(c, port, "roster-server for fuzzing")?;
    let base = format!("http://127.0.0.1:{port}");

    // Unique per run, so a reused database (ROSTER_TEST_DATABASE_URL) takes
    // the same sign-ups again.
    let run_id = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    let mut failed = Vec::new();
    let mut secrets = Secrets::default();
    for (i, principal) in PRINCIPALS.iter().enumerate() {
        let team = Team::create(&base, &format!("{label}{i}-{run_id}"))?;
        team.collect(&base, &mut secrets)?;
        let caller = match *principal {
            "anonymous" => None,
            role => Some(team.caller(role)?),
        };
        let t = Instant::now();
        let ok = schemathesis(&st, &base, &dir, label, principal, &team, caller)?;
        println!(
            "    {label} as {principal}: {} ({})",
            if ok { "0 failures" } else { "FAILED" },
            human(t.elapsed())
        );
        if !ok {
            failed.push(*principal);
        }
        secrets.add_har(&dir.join(format!("{label}-{principal}.har")))?;
    }
    drop(server);
    anyhow::ensure!(
        failed.is_empty(),
        "schemathesis found failures as {} (reports under {})",
        failed.join(", "),
        dir.display()
    );
    let mut places = secrets::database_contents(database_url)?;
    let log = dir.join(format!("{label}-server.log"));
    places.push((log.display().to_string(), std::fs::read(&log)?));
    secrets.scan(&places)?;
    let megabytes = places.iter().map(|(_, b)| b.len()).sum::<usize>() as f64 / 1e6;
    println!(
        "    {label} secret scan: none of {} in the database or the server log ({megabytes:.1} MB)",
        secrets.summary()
    );
    Ok(started.elapsed())
}

/// The debug server binary, built if it is not there yet: as the workspace's
/// tests build it, so the dependencies are not built (and stored) twice.
fn server_binary() -> anyhow::Result<PathBuf> {
    let mut c = cmd("cargo");
    c.args([
        "test",
        "--workspace",
        "--test",
        "api",
        "--no-run",
        "--quiet",
    ]);
    crate::proc::run(c).context("building roster-server")?;
    Ok(crate::root().join("target/debug/roster-server"))
}

/// One Schemathesis run; true when it found nothing.
fn schemathesis(
    st: &Path,
    base: &str,
    dir: &Path,
    label: &str,
    principal: &str,
    team: &Team,
    caller: Option<&Caller>,
) -> anyhow::Result<bool> {
    let name = format!("{label}-{principal}");
    let config = dir.join(format!("{name}.toml"));
    std::fs::write(&config, format!("{}{SEMANTIC}", team.config(principal)))?;
    let output = std::fs::File::create(dir.join(format!("{name}.txt")))?;
    let mut c = cmd(&st.display().to_string());
    c.arg("--no-color")
        .arg("--config-file")
        .arg(&config)
        .args(["run", &format!("{base}/api/v1/openapi.json")])
        .args(["--checks", "all", "--seed", SEED, "-n", EXAMPLES])
        .args(["--workers", "1"])
        .args(["--report", "junit,har"])
        .arg("--report-junit-path")
        .arg(dir.join(format!("{name}.junit.xml")))
        .arg("--report-har-path")
        .arg(dir.join(format!("{name}.har")))
        // The recorded traffic must keep its tokens: the secret scan reads them.
        .args(["--output-sanitize", "false"]);
    if let Some(caller) = caller {
        c.args(["-H", &format!("Cookie: {}", caller.cookie)])
            .args(["-H", &format!("X-CSRF-Token: {}", caller.csrf)])
            // Signing out or leaving would end the run's own access halfway;
            // the anonymous run and the API tests cover both.
            .args(["--exclude-path-regex", "/(auth/logout|leave)$"]);
    }
    // Its cache (`.schemathesis/`) goes where it is run.
    let status = c
        .current_dir(dir)
        .stdout(output.try_clone()?)
        .stderr(output)
        .stdin(Stdio::null())
        .status()
        .context("running schemathesis")?;
    Ok(status.success())
}

/// One run on a throw-away SQLite database.
pub fn sqlite() -> anyhow::Result<Duration> {
    let dir = crate::root().join("target/fuzz");
    std::fs::create_dir_all(&dir)?;
    let db = dir.join("fuzz.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    run(&format!("sqlite://{}", db.display()), "sqlite", 18390)
}

/// `cargo xtask fuzz [--database-url URL]`: one run on its own, on a fresh
/// SQLite file or on the PostgreSQL database named.
pub fn standalone(args: &[String]) -> anyhow::Result<()> {
    let took = match args {
        [] => sqlite()?,
        [flag, url] if flag == "--database-url" => run(url, "postgres", 18391)?,
        _ => anyhow::bail!("usage: cargo xtask fuzz [--database-url postgres://…]"),
    };
    println!("schemathesis: 0 failures in {}", human(took));
    Ok(())
}
