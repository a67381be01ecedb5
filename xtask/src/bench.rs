//! `cargo xtask bench`: runs the benchmarks and writes one report,
//! `target/bench/report.md`, with the machine, date and commit.

use crate::proc::{cmd, output};
use anyhow::Context as _;
use std::fmt::Write as _;

pub fn main(args: &[String]) -> anyhow::Result<()> {
    const PARTS: [&str; 4] = ["model", "size", "table", "load"];
    if let Some(bad) = args.iter().find(|a| !PARTS.contains(&a.as_str())) {
        anyhow::bail!(
            "unknown part {bad:?}; usage: cargo xtask bench [model] [size] [table] [load] (all when none)"
        );
    }
    let wants = |part: &str| args.is_empty() || args.iter().any(|a| a == part);
    let mut report = header();
    if wants("model") {
        model(&mut report)?;
    }
    if wants("size") {
        crate::tools::ensure_build_tools()?;
        crate::web::build_release(false)?;
        size(&mut report)?;
    }
    if wants("table") {
        crate::tools::ensure_build_tools()?;
        crate::web::build_release(false)?;
        crate::table::run_p7(&mut report)?;
    }
    if wants("load") {
        println!("==> P3–P6: the members endpoint under load, the peer, batch invite, decisions");
        crate::load::run_all(&mut report)?;
    }
    let dir = crate::root().join("target/bench");
    std::fs::create_dir_all(&dir)?;
    let file = dir.join("report.md");
    std::fs::write(&file, &report)?;
    println!("\n{report}\nwritten to {}", file.display());
    Ok(())
}

fn model(report: &mut String) -> anyhow::Result<()> {
    println!("==> P1: roster-model authorize (criterion)");
    let mut c = cmd("cargo");
    c.args(["bench", "-p", "roster-model"]);
    let out = c.output().context("cargo bench -p roster-model")?;
    let text = String::from_utf8_lossy(&out.stdout);
    print!("{text}");
    anyhow::ensure!(out.status.success(), "cargo bench -p roster-model failed");
    report.push_str("\n## P1 — `authorize`\n\n```text\n");
    for line in text
        .lines()
        .filter(|l| l.contains("p50") || l.contains("p99") || l.contains("ratio"))
    {
        report.push_str(line);
        report.push('\n');
    }
    report.push_str("```\n");
    Ok(())
}

fn size(report: &mut String) -> anyhow::Result<()> {
    println!("==> P2: release size of the console");
    report.push_str(
        "\n## P2 — release size of the console\n\n| file | raw | gzip |\n|---|---:|---:|\n",
    );
    let (mut raw_total, mut gz_total) = (0usize, 0usize);
    for path in crate::web::assets(&crate::root().join("dist"))? {
        let raw = std::fs::read(&path)?;
        // The twin the server sends, as built.
        let mut twin = path.clone().into_os_string();
        twin.push(".gz");
        let gz = std::fs::metadata(&twin)
            .with_context(|| format!("no gzip twin of {}", path.display()))?
            .len() as usize;
        raw_total += raw.len();
        gz_total += gz;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let _ = writeln!(report, "| {name} | {} | {} |", kb(raw.len()), kb(gz));
    }
    let _ = writeln!(
        report,
        "| **total** | **{}** | **{}** |",
        kb(raw_total),
        kb(gz_total)
    );

    Ok(())
}

fn kb(bytes: usize) -> String {
    format!("{:.1} KB", bytes as f64 / 1000.0)
}

fn header() -> String {
    let sh = |script: &str| {
        let mut c = cmd("sh");
        c.args(["-c", script]);
        output(c).unwrap_or_else(|| "?".to_owned())
    };
    format!(
        "# Roster benchmark report\n\n- date: {}\n- commit: {}\n- machine: {} cores, {} memory, {}\n\
         - method: every wrk figure (P3, P4, P6) is the median of {} runs of {} s each; \
         P1 comes from criterion's samples; P5 is the median of 3 runs\n",
        sh("date -u +%Y-%m-%dT%H:%M:%SZ"),
        sh("git rev-parse --short HEAD"),
        sh("nproc"),
        sh("free -h | awk '/Mem:/ {print $2}'"),
        sh("uname -srm"),
        crate::wrk::RUNS,
        crate::wrk::SECONDS,
    )
}
