//! The secret scan after fuzzing: the fuzz teams' passwords and every
//! session and invitation token that crossed the wire (the teams' own, and
//! every one in the answers of Schemathesis's recorded traffic) is looked
//! for in the database —
//! SQLite's files byte for byte, or a `pg_dump` — and in the server's log.
//! Finding one fails the step.

use anyhow::Context as _;
use std::collections::BTreeMap;
use std::path::Path;

/// Shorter values are not random enough to search for without false alarms.
const MIN_LEN: usize = 20;

/// The secrets seen, each with its kind.
#[derive(Default)]
pub struct Secrets {
    seen: BTreeMap<String, &'static str>,
}

impl Secrets {
    /// Remembers `value` as a secret of `kind` (ignored when too short).
    pub fn add(&mut self, kind: &'static str, value: &str) {
        if value.len() >= MIN_LEN {
            self.seen.insert(value.to_owned(), kind);
        }
    }

    /// Session tokens (`Set-Cookie`) and invitation tokens (`token=` in
    /// answers, such as copied links) from a HAR file of the traffic.
    pub fn add_har(&mut self, file: &Path) -> anyhow::Result<()> {
        let text =
            std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
        let har: serde_json::Value = serde_json::from_str(&text)
            .with_context(|| format!("{} is not JSON", file.display()))?;
        let entries = har["log"]["entries"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for entry in &entries {
            let response = &entry["response"];
            for header in response["headers"].as_array().into_iter().flatten() {
                let name = header["name"].as_str().unwrap_or_default();
                let value = header["value"].as_str().unwrap_or_default();
                if name.eq_ignore_ascii_case("set-cookie") {
                    self.add_cookie(value);
                }
            }
            let body = response["content"]["text"].as_str().unwrap_or_default();
            self.add_tokens_in(body);
        }
        Ok(())
    }

    /// The session token in a `Cookie` or `Set-Cookie` value.
    pub fn add_cookie(&mut self, value: &str) {
        for pair in value.split(';') {
            if let Some(token) = pair.trim().strip_prefix("roster_session=") {
                self.add("session token", token);
            }
        }
    }

    /// Every `token=…` in `text` (links to accept an invitation).
    pub fn add_tokens_in(&mut self, text: &str) {
        for (i, _) in text.match_indices("token=") {
            let token: String = text[i + "token=".len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            self.add("invitation token", &token);
        }
    }

    /// How many secrets of each kind, e.g. `3 passwords, 12 session tokens`.
    pub fn summary(&self) -> String {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for kind in self.seen.values() {
            *counts.entry(kind).or_default() += 1;
        }
        counts
            .iter()
            .map(|(kind, n)| format!("{n} {kind}{}", if *n == 1 { "" } else { "s" }))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Fails naming each secret's kind and the place it was found in.
    pub fn scan(&self, places: &[(String, Vec<u8>)]) -> anyhow::Result<()> {
        let mut found = Vec::new();
        for (place, bytes) in places {
            let text = String::from_utf8_lossy(bytes);
            for (secret, kind) in &self.seen {
                if text.contains(secret.as_str()) {
                    found.push(format!("a raw {kind} ({}…) in {place}", &secret[..6]));
                }
            }
        }
        anyhow::ensure!(
            found.is_empty(),
            "secrets at rest or in the log:\n  {}",
            found.join("\n  ")
        );
        anyhow::ensure!(!self.seen.is_empty(), "the scan had no secrets to look for");
        Ok(())
    }
}

/// What the database holds: SQLite's files as they are on disk, or a
/// PostgreSQL dump.
pub fn database_contents(database_url: &str) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    if let Some(rest) = database_url.strip_prefix("sqlite://") {
        let file = rest.split('?').next().unwrap_or(rest);
        let mut out = Vec::new();
        for suffix in ["", "-wal"] {
            let path = format!("{file}{suffix}");
            if let Ok(bytes) = std::fs::read(&path) {
                out.push((path, bytes));
            }
        }
        anyhow::ensure!(!out.is_empty(), "no SQLite file at {file}");
        return Ok(out);
    }
    let bin = crate::postgres::bin_dir().context("pg_dump is not installed")?;
    let out = std::process::Command::new(bin.join("pg_dump"))
        .args(["--data-only", "--no-owner", "--dbname", database_url])
        .output()
        .context("running pg_dump")?;
    anyhow::ensure!(
        out.status.success(),
        "pg_dump failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(vec![("the pg_dump of the database".to_owned(), out.stdout)])
}

#[cfg(test)]
mod tests {
    use super::Secrets;

    #[test]
    fn secrets_are_collected_and_found() {
        let mut s = Secrets::default();
        s.add_cookie(
            "roster_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA; Path=/; HttpOnly",
        );
        s.add_tokens_in(
            r#"{"url":"http://x/invitations/accept?token=BBBBBBBBBBBBBBBBBBBBBBBBBB"}"#,
        );
        s.add("password", "short");
        assert_eq!(s.summary(), "1 invitation token, 1 session token");
        let clean = [("log".to_owned(), b"GET /me 200".to_vec())];
        assert!(s.scan(&clean).is_ok());
        let leaky = [(
            "db".to_owned(),
            b"...BBBBBBBBBBBBBBBBBBBBBBBBBB...".to_vec(),
        )];
        let err = s.scan(&leaky).unwrap_err().to_string();
        assert!(
            err.contains("raw invitation token (BBBBBB…) in db"),
            "{err}"
        );
        assert!(
            Secrets::default().scan(&clean).is_err(),
            "an empty scan proves nothing"
        );
    }
}
