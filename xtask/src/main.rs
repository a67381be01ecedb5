//! `cargo xtask run | test | bench`: the developer entry points. Each one
//! installs what this machine lacks, then does its work, so the README's two
//! commands work on a fresh machine.

mod bench;
mod checks;
mod decisions;
mod fuzz;
mod load;
mod peer;
mod postgres;
mod proc;
mod run;
mod served;
mod styles;
mod table;
mod test;
mod tools;
mod trim;
mod web;
mod wrk;

use std::path::PathBuf;

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  run     build the app and start Roster at http://127.0.0.1:8080
            --port N            (ROSTER_PORT, default 8080)
            --data-dir DIR      (ROSTER_DATA_DIR, default ./data)
            --database-url URL  (ROSTER_DATABASE_URL; postgres://… switches to PostgreSQL)
            --demo              (ROSTER_DEMO=1; seed a demo workspace)
  test    run every check and test (what CI runs)
            --quick             skip clippy and the release build (inner loop; CI never uses it)
            --long              the crash test kills the server 200 times instead of 50
  bench [model] [size] [table] [load]
          run the benchmarks (all parts when none named) and write
          target/bench/report.md
  fuzz    run Schemathesis and the secret scan against a fresh server on SQLite
          (also part of `test`); --database-url URL fuzzes that PostgreSQL instead
  web     build the release web app into dist/ (what the browser tests serve)
";

fn main() {
    let mut args = std::env::args().skip(1);
    let command = args.next();
    let rest: Vec<String> = args.collect();
    let result = match command.as_deref() {
        Some("run") => run::main(&rest),
        Some("test") => test::main(&rest),
        Some("bench") => bench::main(&rest),
        Some("fuzz") => fuzz::standalone(&rest),
        Some("web") => crate::tools::ensure_build_tools()
            .and_then(|()| web::build_release(rest.iter().any(|a| a == "--force"))),
        Some("-h" | "--help" | "help") | None => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(anyhow::anyhow!("unknown command `{other}`\n\n{USAGE}")),
    };
    if let Err(e) = result {
        eprintln!("error: {e:#}");
        std::process::exit(1);
    }
}

/// The workspace root (the folder above `xtask/`).
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}
