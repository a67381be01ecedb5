//! Running child processes: announced, timed, with the tool folders first on
//! PATH, and optionally scanned for test-result lines.

use anyhow::{Context as _, bail};
use std::io::{BufRead as _, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// PATH with the project's npm tools and cargo's binaries first (trunk must
/// find binaryen 132's wasm-opt before any other).
pub fn tool_path() -> String {
    let root = crate::root();
    let mut dirs = vec![root.join("node_modules/.bin")];
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        dirs.push(std::path::PathBuf::from(home).join("bin"));
    } else if let Some(home) = std::env::var_os("HOME") {
        dirs.push(std::path::PathBuf::from(home).join(".cargo/bin"));
    }
    let mut path = dirs
        .iter()
        .map(|d| d.display().to_string())
        .collect::<Vec<_>>()
        .join(":");
    if let Ok(old) = std::env::var("PATH") {
        path.push(':');
        path.push_str(&old);
    }
    path
}

/// A command run from the workspace root with the tool PATH.
pub fn cmd(program: &str) -> Command {
    let mut c = Command::new(program);
    c.current_dir(crate::root()).env("PATH", tool_path());
    c
}

/// Runs a command to completion, failing with its name when it fails.
pub fn run(mut c: Command) -> anyhow::Result<Duration> {
    let started = Instant::now();
    let status = c.status().with_context(|| format!("starting {c:?}"))?;
    if !status.success() {
        bail!("{} failed ({status})", describe(&c));
    }
    Ok(started.elapsed())
}

/// Runs a command and returns its standard output (trimmed), or None if it
/// could not start or failed.
pub fn output(mut c: Command) -> Option<String> {
    let out = c.stderr(Stdio::null()).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// Tallies of `test result:` lines seen in a test runner's output.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub passed: u64,
    pub failed: u64,
    pub ignored: u64,
}

impl Tally {
    /// Adds another tally.
    pub fn add(&mut self, other: Tally) {
        self.passed += other.passed;
        self.failed += other.failed;
        self.ignored += other.ignored;
    }

    /// Reads one libtest summary line (`test result: ok. 3 passed; 0 failed; …`).
    pub fn parse_line(line: &str) -> Option<Tally> {
        let rest = line.trim().strip_prefix("test result: ")?;
        let count = |word: &str| {
            rest.split(';')
                .find_map(|part| {
                    let part = part
                        .trim()
                        .trim_start_matches("ok.")
                        .trim_start_matches("FAILED.")
                        .trim();
                    part.strip_suffix(word)?.trim().parse::<u64>().ok()
                })
                .unwrap_or(0)
        };
        Some(Tally {
            passed: count("passed"),
            failed: count("failed"),
            ignored: count("ignored"),
        })
    }
}

/// Runs a test command, echoing its output and counting its results.
pub fn run_tests(mut c: Command) -> (anyhow::Result<Duration>, Tally) {
    let started = Instant::now();
    let name = describe(&c);
    let child = c.stdout(Stdio::piped()).spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) => {
            return (
                Err(anyhow::anyhow!("starting {name}: {e}")),
                Tally::default(),
            );
        }
    };
    let mut tally = Tally::default();
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            println!("{line}");
            if let Some(t) = Tally::parse_line(&line) {
                tally.add(t);
            }
        }
    }
    let result = match child.wait() {
        Ok(s) if s.success() => Ok(started.elapsed()),
        Ok(s) => Err(anyhow::anyhow!("{name} failed ({s})")),
        Err(e) => Err(anyhow::anyhow!("waiting for {name}: {e}")),
    };
    (result, tally)
}

/// `program arg arg…` for messages.
pub fn describe(c: &Command) -> String {
    let mut s = c.get_program().to_string_lossy().into_owned();
    for a in c.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}

/// `1m 05s` / `12.3s`.
pub fn human(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s >= 60.0 {
        format!("{}m {:02}s", (s / 60.0) as u64, (s % 60.0) as u64)
    } else {
        format!("{s:.1}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn libtest_summary_lines_are_counted() {
        let t = Tally::parse_line("test result: ok. 12 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s").unwrap();
        assert_eq!((t.passed, t.failed, t.ignored), (12, 0, 1));
        let t = Tally::parse_line("test result: FAILED. 3 passed; 2 failed; 0 ignored").unwrap();
        assert_eq!((t.passed, t.failed), (3, 2));
        assert!(Tally::parse_line("running 3 tests").is_none());
    }
}
