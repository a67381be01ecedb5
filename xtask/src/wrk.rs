//! wrk, the load generator both benchmarks use: one run of 2 threads and 64
//! connections pinned to core 1 (the server under test gets core 0), and its
//! `--latency` output read into figures.

use anyhow::{Context as _, bail};
use std::path::Path;
use std::process::Command;

/// Seconds of load per workload.
pub const SECONDS: u32 = 8;

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

/// Drives `url` with the given headers and, for POST workloads, a Lua script.
pub fn drive(
    url: &str,
    headers: &[String],
    script: Option<&Path>,
    env: &[(&str, String)],
) -> anyhow::Result<Figures> {
    let mut c = Command::new("taskset");
    c.args(["-c", "1", "wrk", "-t2", "-c64"])
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
    Some(Figures {
        rps: field("Requests/sec:")?.parse().ok()?,
        p50_ms: ms(field("50%")?)?,
        p99_ms: ms(field("99%")?)?,
        errors: text
            .lines()
            .map(str::trim)
            .filter(|l| l.starts_with("Non-2xx") || l.starts_with("Socket errors"))
            .collect::<Vec<_>>()
            .join("; "),
    })
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn output_is_read_with_units_and_errors() {
        let text = "  Latency Distribution\n     50%    1.81s \n     75%  2ms\n     99%  850.00us\n  \
            Non-2xx or 3xx responses: 12\nRequests/sec:      1.65\n";
        let f = parse(text).unwrap();
        assert_eq!((f.rps, f.p50_ms, f.p99_ms), (1.65, 1810.0, 0.85));
        assert_eq!(f.errors, "Non-2xx or 3xx responses: 12");
        assert_eq!(f.error_note(), " (Non-2xx or 3xx responses: 12)");
        assert!(parse("Requests/sec: 3\n").is_none());
        let clean = parse("     50%    1.20ms\n     99%  3.00ms\nRequests/sec: 10\n").unwrap();
        assert_eq!((clean.p50_ms, clean.errors.as_str()), (1.2, ""));
    }
}
