//! wrk, the load generator both benchmarks use: runs of 2 threads and 64
//! connections pinned to core 1 (the server under test gets core 0), their
//! `--latency` output read into figures, and the median of the runs.

use anyhow::{Context as _, bail};
use std::path::Path;
use std::process::Command;

/// The core the measured server runs on.
pub const SERVER_CORE: u32 = 0;
/// The core of the load generator, and of PostgreSQL when it is measured.
pub const LOAD_CORE: u32 = 1;
/// Seconds of load per run.
pub const SECONDS: u32 = 5;
/// Runs per workload; the report shows each figure's median.
pub const RUNS: usize = 3;

/// One run's figures.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    pub rps: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    /// wrk's error lines (non-2xx answers, time-outs), empty when none.
    pub errors: String,
}

impl Figures {
    /// ` (errors…)` for a report cell, or nothing.
    pub fn error_note(&self) -> String {
        if self.errors.is_empty() {
            String::new()
        } else {
            format!(" ({})", self.errors)
        }
    }
}

/// Drives `url` `RUNS` times with the given headers and, for POST workloads,
/// a Lua script (which sees the run's number in `ROSTER_WRK_RUN`); answers the
/// median of each figure.
pub fn drive(
    url: &str,
    headers: &[String],
    script: Option<&Path>,
    env: &[(&str, String)],
) -> anyhow::Result<Figures> {
    let runs = (0..RUNS)
        .map(|run| drive_once(url, headers, script, env, run))
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(median(&runs))
}

/// Each figure's median over `runs` (errors: every run's, joined).
pub fn median(runs: &[Figures]) -> Figures {
    let mid = |f: fn(&Figures) -> f64| {
        let mut v: Vec<f64> = runs.iter().map(f).collect();
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or_default()
    };
    Figures {
        rps: mid(|f| f.rps),
        p50_ms: mid(|f| f.p50_ms),
        p99_ms: mid(|f| f.p99_ms),
        errors: runs
            .iter()
            .filter(|f| !f.errors.is_empty())
            .map(|f| f.errors.as_str())
            .collect::<Vec<_>>()
            .join(" | "),
    }
}

fn drive_once(
    url: &str,
    headers: &[String],
    script: Option<&Path>,
    env: &[(&str, String)],
    run: usize,
) -> anyhow::Result<Figures> {
    let mut c = Command::new("taskset");
    c.env("ROSTER_WRK_RUN", run.to_string());
    c.args(["-c", &LOAD_CORE.to_string(), "wrk", "-t2", "-c64"])
        .arg(format!("-d{SECONDS}s"))
        .args(["--timeout", "10s", "--latency"]);
    for h in headers {
        c.args(["-H", h]);
    }
    if let Some(script) = script {
        c.arg("-s").arg(script);
    }
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.arg(url).output().context("running wrk")?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    if !out.status.success() {
        bail!("wrk failed on {url}:\n{text}");
    }
    parse(&text).with_context(|| format!("reading wrk's output:\n{text}"))
}

/// Reads wrk's `--latency` output: Requests/sec, the 50% and 99% lines, and
/// its error lines (non-2xx answers, socket errors).
pub fn parse(text: &str) -> Option<Figures> {
    let ms = |v: &str| -> Option<f64> {
        let (num, unit) = v.split_at(v.find(|c: char| c.is_ascii_alphabetic())?);
        let n: f64 = num.parse().ok()?;
        Some(match unit {
            "us" => n / 1e3,
            "ms" => n,
            "s" => n * 1e3,
            "m" => n * 60e3,
            _ => return None,
        })
    };
    let field = |label: &str| {
        text.lines()
            .map(str::trim)
            .find_map(|l| l.strip_prefix(label))
            .map(str::trim)
    };
    let rps: f64 = field("Requests/sec:")?.parse().ok()?;
    let none = (rps == 0.0).then(|| "no request finished within the run".to_owned());
    Some(Figures {
        rps,
        p50_ms: ms(field("50%")?)?,
        p99_ms: ms(field("99%")?)?,
        errors: text
            .lines()
            .map(str::trim)
            .filter(|l| l.starts_with("Non-2xx") || l.starts_with("Socket errors"))
            .map(str::to_owned)
            .chain(none)
            .collect::<Vec<_>>()
            .join("; "),
    })
}

#[cfg(test)]
mod tests {
    use super::{Figures, median, parse};

    #[test]
    fn the_median_is_taken_per_figure() {
        let f = |rps, p50_ms, p99_ms, errors: &str| Figures {
            rps,
            p50_ms,
            p99_ms,
            errors: errors.to_owned(),
        };
        let m = median(&[
            f(3.0, 9.0, 1.0, ""),
            f(1.0, 7.0, 2.0, "e"),
            f(2.0, 8.0, 3.0, ""),
        ]);
        assert_eq!(
            (m.rps, m.p50_ms, m.p99_ms, m.errors.as_str()),
            (2.0, 8.0, 2.0, "e")
        );
    }

    #[test]
    fn output_is_read_with_units_and_errors() {
        let text = "  Latency Distribution\n     50%    1.81s \n     75%  2ms\n     99%  850.00us\n  \
            Non-2xx or 3xx responses: 12\nRequests/sec:      1.65\n";
        let f = parse(text).unwrap();
        assert_eq!((f.rps, f.p50_ms, f.p99_ms), (1.65, 1810.0, 0.85));
        assert_eq!(f.errors, "Non-2xx or 3xx responses: 12");
        assert_eq!(f.error_note(), " (Non-2xx or 3xx responses: 12)");
        assert!(parse("Requests/sec: 3\n").is_none());
        let idle = parse("     50%    0.00us\n     99%  0.00us\nRequests/sec: 0.00\n").unwrap();
        assert_eq!(idle.errors, "no request finished within the run");
        let clean = parse("     50%    1.20ms\n     99%  3.00ms\nRequests/sec: 10\n").unwrap();
        assert_eq!((clean.p50_ms, clean.errors.as_str()), (1.2, ""));
    }
}
