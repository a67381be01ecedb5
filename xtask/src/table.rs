//! `cargo xtask bench table` — P7, the team table in Chromium: a workspace
//! of 100,000 members on SQLite, the release server (core 0) serving the
//! release console, and the `table_timing` bench of roster-web driving
//! Chromium and reading the app's User Timing measures (first render of the
//! team table after its data arrives; search keystroke to updated rows).

use crate::proc::cmd;
use anyhow::Context as _;
use std::fmt::Write as _;

/// Members in the measured workspace.
const SIZE: u32 = 100_000;
/// Pages loaded (and searches typed, three keystrokes each) in the journey.
const ROUNDS: u32 = 5;

/// Runs P7 and appends its table to `report`.
pub fn run_p7(report: &mut String) -> anyhow::Result<()> {
    crate::tools::ensure_browser()?;
    crate::served::build_server()?;
    let url = crate::served::fresh_sqlite("table.db")?;
    println!("==> P7: seeding {SIZE} members");
    let (_, owner) = crate::load::seed(&url, SIZE)?;
    let server = crate::load::start_server(&url)?;
    println!("==> P7: the team table in headless Chromium ({ROUNDS} rounds)");
    let mut c = cmd("cargo");
    c.args([
        "bench",
        "-p",
        "roster-web",
        "--features",
        "e2e",
        "--bench",
        "table_timing",
    ])
    .env("ROSTER_TIMING_URL", crate::load::api(""))
    .env("ROSTER_TIMING_OWNER", &owner)
    .env("ROSTER_TIMING_ROUNDS", ROUNDS.to_string());
    let out = c.output().context("the timing journey")?;
    drop(server);
    let text = String::from_utf8_lossy(&out.stdout);
    anyhow::ensure!(
        out.status.success(),
        "the timing journey failed:\n{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix("TIMING "))
        .with_context(|| {
            format!(
                "the journey printed no TIMING line:\n{text}\n{}",
                String::from_utf8_lossy(&out.stderr)
            )
        })?;
    let v: serde_json::Value = serde_json::from_str(line)?;
    let list = |k: &str| -> Vec<f64> {
        v[k].as_array()
            .into_iter()
            .flatten()
            .filter_map(serde_json::Value::as_f64)
            .collect()
    };
    let (render, search) = (list("render_ms"), list("search_ms"));
    anyhow::ensure!(
        !render.is_empty() && !search.is_empty(),
        "no measures: {line}"
    );
    let _ = write!(
        report,
        "\n## P7 — team table in Chromium, {SIZE} members, SQLite (User Timing; pages of 200 rows per group, drawn a screenful at a time as the list scrolls)\n\n\
         | measure | samples | median | worst | target |\n|---|---:|---:|---:|---:|\n\
         | first render ({} rows drawn) after the data arrives | {} | {:.1} ms | {:.1} ms | 50 ms |\n\
         | search keystroke → updated rows | {} | {:.1} ms | {:.1} ms | 100 ms |\n",
        v["rows"],
        render.len(),
        median(&render),
        worst(&render),
        search.len(),
        median(&search),
        worst(&search),
    );
    Ok(())
}

fn median(xs: &[f64]) -> f64 {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn worst(xs: &[f64]) -> f64 {
    xs.iter().copied().fold(0.0, f64::max)
}
