//! `cargo xtask bench` P6: the authorization endpoint under the same load as
//! P3 (wrk, 64 connections): one decision about the caller, one about
//! another member, and batches of 100, in the workspace the peer is
//! compared at.

use crate::load::{api, csrf};
use crate::served::curl;
use crate::wrk::Figures;
use anyhow::Context as _;
use serde_json::json;
use std::fmt::Write as _;

/// Questions per batch request.
pub const BATCH: usize = 100;

/// One measured workload.
pub struct Decisions {
    /// What was asked.
    pub label: &'static str,
    /// Decisions per request (1, or `BATCH`).
    pub per_request: usize,
    /// wrk's figures.
    pub figures: Figures,
}

/// Measures the three workloads as the signed-in owner of `ws`.
pub fn measure(cookie: &str, ws: &str) -> anyhow::Result<Vec<Decisions>> {
    let other = another_member(cookie, ws)?;
    let script = crate::root().join("bench/roster/post.lua");
    let headers = [
        format!("Cookie: {cookie}"),
        format!("X-CSRF-Token: {}", csrf(cookie)?),
        "Content-Type: application/json".to_owned(),
    ];
    let mine = json!({"workspace_id": ws, "action": "members:invite"});
    let theirs = json!({"workspace_id": ws, "principal": other, "action": "content:create"});
    let checks: Vec<_> = (0..BATCH)
        .map(|i| if i % 2 == 0 { &mine } else { &theirs })
        .collect();
    let workloads = [
        (
            "one decision about yourself (members:invite)",
            "/api/v1/authorize",
            mine.clone(),
            1,
        ),
        (
            "one decision about another member (content:create)",
            "/api/v1/authorize",
            theirs.clone(),
            1,
        ),
        (
            "a batch of 100 (half about yourself, half about another member)",
            "/api/v1/authorize:batch",
            json!({ "checks": checks }),
            BATCH,
        ),
    ];
    let mut out = Vec::new();
    for (label, path, body, per_request) in workloads {
        let answer: serde_json::Value =
            serde_json::from_str(&post(cookie, path, &headers[1], &body)?)?;
        let results = match answer["results"].as_array() {
            Some(all) => all.clone(),
            None => vec![answer.clone()],
        };
        anyhow::ensure!(
            results.len() == per_request
                && results.iter().all(
                    |r| r["allowed"].is_boolean() && r["status"].as_u64().unwrap_or(200) == 200
                ),
            "{path} did not decide every question: {answer}"
        );
        let figures = crate::wrk::drive(
            &api(path),
            &headers,
            Some(&script),
            &[("ROSTER_BODY", body.to_string())],
        )?;
        out.push(Decisions {
            label,
            per_request,
            figures,
        });
    }
    Ok(out)
}

/// A member of `ws` who is not the owner (the subject of "another member").
fn another_member(cookie: &str, ws: &str) -> anyhow::Result<String> {
    let path = format!("/api/v1/workspaces/{ws}/members?status=active&sort=joined&limit=10");
    let page: serde_json::Value =
        serde_json::from_str(&curl(&["-H", &format!("cookie: {cookie}"), &api(&path)])?)?;
    page["items"]
        .as_array()
        .and_then(|rows| rows.iter().find(|m| m["role"] != "owner"))
        .and_then(|m| m["id"].as_str())
        .map(str::to_owned)
        .context("no member other than the owner")
}

fn post(
    cookie: &str,
    path: &str,
    csrf_header: &str,
    body: &serde_json::Value,
) -> anyhow::Result<String> {
    curl(&[
        "-H",
        &format!("cookie: {cookie}"),
        "-H",
        csrf_header,
        "-H",
        "content-type: application/json",
        "--data",
        &body.to_string(),
        &api(path),
    ])
}

/// P6's table.
pub fn report(report: &mut String, size: u32, runs: &[(&str, Vec<Decisions>)]) {
    let _ = write!(
        report,
        "\n## P6 — the authorization endpoint, {size} members, 64 connections (wrk), \
         server on core 0, wrk and PostgreSQL on core 1\n\n\
         | database | workload | req/s | decisions/s | p50 | p99 |\n|---|---|---:|---:|---:|---:|\n"
    );
    for (db, list) in runs {
        for d in list {
            let f = &d.figures;
            let _ = writeln!(
                report,
                "| {db} | {} | {:.0} | {:.0} | {:.2} ms | {:.2} ms{} |",
                d.label,
                f.rps,
                f.rps * d.per_request as f64,
                f.p50_ms,
                f.p99_ms,
                f.error_note()
            );
        }
    }
}
