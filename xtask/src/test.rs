//! `cargo xtask test`: every check and test, in order, on SQLite and
//! PostgreSQL and in headless Chromium, ending with one summary line.
//! CI runs exactly this.

use crate::postgres::Cluster;
use crate::proc::{Tally, cmd, human, run, run_tests};
use std::process::Command;
use std::time::{Duration, Instant};

/// One named step and how it went.
struct Outcome {
    name: &'static str,
    result: Result<Duration, String>,
}

fn cargo(args: &[&str]) -> Command {
    let mut c = cmd("cargo");
    c.args(args);
    c
}

pub fn main(args: &[String]) -> anyhow::Result<()> {
    let (mut quick, mut long) = (false, false);
    for arg in args {
        match arg.as_str() {
            "--quick" => quick = true,
            "--long" => long = true,
            _ => anyhow::bail!("usage: cargo xtask test [--quick] [--long]"),
        }
    }
    // The long run: 200 kills in the crash test instead of 50.
    let long_env = |c: &mut Command| {
        if long {
            c.env("ROSTER_LONG", "1");
        }
    };
    let started = Instant::now();
    crate::tools::ensure_build_tools()?;
    crate::tools::ensure_browser()?;
    let external_pg = std::env::var("ROSTER_TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty());
    if external_pg.is_none() {
        crate::tools::ensure_postgres()?;
    }

    let mut outcomes: Vec<Outcome> = Vec::new();
    let mut tally = Tally::default();
    let mut step = |name: &'static str, result: anyhow::Result<Duration>| {
        let result = result.map_err(|e| format!("{e:#}"));
        match &result {
            Ok(d) => println!("--- ok: {name} ({})", human(*d)),
            Err(e) => println!("--- FAILED: {name}: {e}"),
        }
        let ok = result.is_ok();
        outcomes.push(Outcome { name, result });
        ok
    };
    let mut tests =
        |name: &'static str,
         c: Command,
         step: &mut dyn FnMut(&'static str, anyhow::Result<Duration>) -> bool| {
            println!("=== {name}");
            let (result, t) = run_tests(c);
            tally.add(t);
            step(name, result)
        };

    println!("=== formatting");
    step(
        "cargo fmt --check",
        run(cargo(&["fmt", "--all", "--check"])),
    );
    if !quick {
        println!("=== clippy (native)");
        step(
            "clippy native",
            run(cargo(&[
                "clippy",
                "--workspace",
                "--all-targets",
                "--all-features",
                "--",
                "-D",
                "warnings",
            ])),
        );
        println!("=== clippy (wasm32)");
        step(
            "clippy wasm32",
            run(cargo(&[
                "clippy",
                "--target",
                "wasm32-unknown-unknown",
                "-p",
                "roster-web",
                "-p",
                "roster-model",
                "-p",
                "roster-api",
                "--lib",
                "--bins",
                "--",
                "-D",
                "warnings",
            ])),
        );
    }
    println!("=== wasm32 build of the shared crates");
    step(
        "wasm32 build of roster-model and roster-api",
        run(cargo(&[
            "build",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "roster-model",
            "-p",
            "roster-api",
        ])),
    );
    let web_built = if quick && crate::root().join("dist/index.html").exists() {
        true
    } else {
        println!("=== release build of the web app");
        let t = Instant::now();
        step(
            "trunk build --release",
            crate::web::build_release(true).map(|()| t.elapsed()),
        )
    };

    // The first run is SQLite whatever the caller's environment says.
    let mut sqlite = cargo(&["test", "--workspace"]);
    sqlite.env_remove("ROSTER_TEST_DATABASE_URL");
    long_env(&mut sqlite);
    tests("native tests (SQLite)", sqlite, &mut step);
    println!("=== API fuzzing with Schemathesis (SQLite)");
    step("schemathesis (SQLite)", crate::fuzz::sqlite());

    println!("=== PostgreSQL");
    // Given a URL, use it; otherwise a throw-away cluster that lives until dropped.
    let pg = match external_pg.clone() {
        Some(url) => Ok((url, None)),
        None => Cluster::start().map(|c| (c.url(), Some(c))),
    };
    match pg {
        Ok((url, cluster)) => {
            // `--workspace`, as in the SQLite run, so that dependencies keep
            // the same features and are not built (and stored) a second time.
            let mut c = cargo(&["test", "--workspace", "--test", "api"]);
            c.env("ROSTER_TEST_DATABASE_URL", &url);
            long_env(&mut c);
            tests("server tests (PostgreSQL)", c, &mut step);
            println!("=== API fuzzing with Schemathesis (PostgreSQL)");
            step(
                "schemathesis (PostgreSQL)",
                crate::fuzz::run(&url, "postgres", 18391),
            );
            drop(cluster);
        }
        Err(e) => {
            step(
                "server tests (PostgreSQL)",
                Err(e.context("starting a throw-away PostgreSQL")),
            );
        }
    }

    let mut c = cargo(&[
        "test",
        "-p",
        "roster-web",
        "--target",
        "wasm32-unknown-unknown",
    ]);
    c.env("CHROMEDRIVER", "/usr/bin/chromedriver");
    // Chromium writes its shared-memory files (--disable-dev-shm-usage) under
    // TMPDIR and leaves them when the runner kills it: keep them in one
    // folder that goes when the step ends.
    let scratch = crate::root().join("target/chromium-tmp");
    let _ = std::fs::remove_dir_all(&scratch);
    let _ = std::fs::create_dir_all(&scratch);
    c.env("TMPDIR", &scratch);
    tests(
        "component tests in Chromium (wasm-bindgen-test)",
        c,
        &mut step,
    );
    let _ = std::fs::remove_dir_all(&scratch);

    if web_built {
        let mut c = cargo(&[
            "test",
            "--workspace",
            "--features",
            "roster-web/e2e",
            "--test",
            "e2e",
        ]);
        c.env("ROSTER_DIST_DIR", crate::root().join("dist"));
        tests(
            "end-to-end journeys in Chromium (release build)",
            c,
            &mut step,
        );
    } else {
        step(
            "end-to-end journeys in Chromium (release build)",
            Err(anyhow::anyhow!("skipped: the web build failed")),
        );
    }

    let failed: Vec<&Outcome> = outcomes.iter().filter(|o| o.result.is_err()).collect();
    println!("\n=== summary ({} in all)", human(started.elapsed()));
    for o in &outcomes {
        match &o.result {
            Ok(d) => println!("  ok      {:<52} {}", o.name, human(*d)),
            Err(_) => println!("  FAILED  {}", o.name),
        }
    }
    println!(
        "steps: {} ok, {} failed{}",
        outcomes.len() - failed.len(),
        failed.len(),
        if quick { " (--quick)" } else { "" }
    );
    // A failed step with no failed test (a build, clippy) still counts as a failure.
    let failures = tally.failed.max(failed.len() as u64);
    println!("tests: {} passed, {failures} failed", tally.passed);
    if failed.is_empty() {
        Ok(())
    } else {
        anyhow::bail!(
            "{} step(s) failed: {}",
            failed.len(),
            failed.iter().map(|o| o.name).collect::<Vec<_>>().join(", ")
        )
    }
}
