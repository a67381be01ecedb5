//! The audit log: every change recorded with who, what, target, before,
//! after, when and from where; readable by admins, newest first, by cursor.

use crate::support::{TestApp, problem};
use roster_api::{AuditEventResponse, Page};
use serde_json::json;

#[tokio::test]
async fn changes_are_recorded_with_who_what_and_where_and_paged_newest_first() {
    let app = TestApp::spawn().await;
    let owner = app.signup("owner@acme.com", "Olga").await;
    let viewer = app.signup("viewer@acme.com", "Vera").await;
    let ws = owner.create_workspace("Acme").await.id;
    let vid = app.add_member(&ws, &viewer, "viewer").await;
    let res = owner
        .patch(
            &format!("/workspaces/{ws}/members/{vid}"),
            &json!({"role": "editor"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let res = owner
        .patch(
            &format!("/workspaces/{ws}"),
            &json!({"description": "Hello"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let path = format!("/workspaces/{ws}/audit");
    let all: Page<AuditEventResponse> = owner.get_ok(&path).await;
    let actions: Vec<_> = all.items.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        ["workspace.updated", "member.updated", "workspace.created"]
    );
    let change = &all.items[1];
    assert_eq!(change.actor.as_deref(), Some(owner.user_id.as_str()));
    assert_eq!(change.target.as_deref(), Some(vid.as_str()));
    assert_eq!(change.before.as_ref().unwrap()["role"], "viewer");
    assert_eq!(change.after.as_ref().unwrap()["role"], "editor");
    assert_eq!(change.ip.as_deref(), Some("127.0.0.1"));
    let mut seen = Vec::new();
    let mut cursor = String::new();
    loop {
        let page: Page<AuditEventResponse> = owner
            .get_ok(&format!("{path}?limit=1&cursor={cursor}"))
            .await;
        seen.extend(page.items.into_iter().map(|e| e.id));
        match page.next_cursor {
            Some(c) => cursor = c,
            None => break,
        }
    }
    let ids: Vec<_> = all.items.iter().map(|e| e.id.clone()).collect();
    assert_eq!(seen, ids);
    let only: Page<AuditEventResponse> =
        owner.get_ok(&format!("{path}?action=member.updated")).await;
    assert_eq!(only.items.len(), 1);
    problem(
        owner.get(&format!("{path}?limit=500")).await,
        422,
        "validation",
    )
    .await;
    problem(
        owner.get(&format!("{path}?cursor=nope")).await,
        422,
        "validation",
    )
    .await;
}

#[tokio::test]
async fn the_audit_log_is_for_admins_and_hidden_from_outsiders() {
    let app = TestApp::spawn().await;
    let owner = app.signup("owner@acme.com", "Olga").await;
    let viewer = app.signup("viewer@acme.com", "Vera").await;
    let eve = app.signup("eve@evil.com", "Eve").await;
    let ws = owner.create_workspace("Acme").await.id;
    app.add_member(&ws, &viewer, "viewer").await;
    let path = format!("/workspaces/{ws}/audit");
    problem(viewer.get(&path).await, 403, "not_allowed").await;
    problem(eve.get(&path).await, 404, "not_a_member").await;
}

/// Parses the export: a header row, then records; quoted fields may hold
/// commas, doubled quotes and line breaks.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut field) = (Vec::new(), Vec::new(), String::new());
    let (mut quoted, mut chars) = (false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(
        field.is_empty() && row.is_empty(),
        "the file ends with CRLF"
    );
    rows
}

#[tokio::test]
async fn the_whole_log_downloads_as_csv_across_chunks_with_filters() {
    let app = TestApp::spawn().await;
    let owner = app.signup("owner@acme.com", "Olga").await;
    let ws = owner.create_workspace("Acme").await.id;
    // 1,200 invitations: more events than one export chunk holds, and a
    // batch of the largest size allowed.
    for (batch, size) in [(0, 1_000), (1, 200)] {
        let invites: Vec<_> = (0..size)
            .map(|i| json!({"email": format!("p{batch}-{i}@acme.com"), "role": "viewer"}))
            .collect();
        let res = owner
            .post(
                &format!("/workspaces/{ws}/invitations"),
                &json!({ "invites": invites }),
            )
            .await;
        assert_eq!(res.status(), 200);
    }
    // A user agent that a spreadsheet would run as a formula.
    let res = owner
        .request(reqwest::Method::PATCH, &format!("/workspaces/{ws}"))
        .header("user-agent", "=HYPERLINK(\"http://evil\",\"x\")")
        .json(&json!({"description": "Hello, \"world\"\nsecond line"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);

    let path = format!("/workspaces/{ws}/audit");
    let res = owner.get(&format!("{path}?format=csv")).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    let disposition = res.headers()["content-disposition"].to_str().unwrap();
    assert!(disposition.starts_with("attachment; filename=\"roster-audit-"));
    let rows = parse_csv(&res.text().await.unwrap());
    assert_eq!(
        rows[0],
        [
            "at",
            "action",
            "actor",
            "target",
            "ip",
            "user_agent",
            "before",
            "after",
            "id"
        ]
    );
    assert_eq!(rows.len() as i64 - 1, app.audit_count(&ws).await);
    let mut ids: Vec<_> = rows[1..].iter().map(|r| r[8].clone()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), rows.len() - 1, "no event twice");
    let newest = &rows[1];
    assert_eq!(newest[1], "workspace.updated");
    assert_eq!(newest[2], owner.user_id);
    assert_eq!(
        newest[5], "'=HYPERLINK(\"http://evil\",\"x\")",
        "formula defused"
    );
    let after: serde_json::Value = serde_json::from_str(&newest[7]).unwrap();
    assert_eq!(after["description"], "Hello, \"world\"\nsecond line");
    assert_eq!(rows.last().unwrap()[1], "workspace.created");

    // Filters apply; Accept: text/csv works too; an empty result is a header.
    let res = owner
        .request(
            reqwest::Method::GET,
            &format!("{path}?action=workspace.created"),
        )
        .header("accept", "text/csv")
        .send()
        .await
        .unwrap();
    let rows = parse_csv(&res.text().await.unwrap());
    assert_eq!(rows.len(), 2);
    let res = owner.get(&format!("{path}?format=csv&actor=nobody")).await;
    assert_eq!(parse_csv(&res.text().await.unwrap()).len(), 1);
    problem(
        owner.get(&format!("{path}?format=xml")).await,
        422,
        "validation",
    )
    .await;
}

#[tokio::test]
async fn the_csv_export_is_refused_like_the_log() {
    let app = TestApp::spawn().await;
    let owner = app.signup("owner@acme.com", "Olga").await;
    let viewer = app.signup("viewer@acme.com", "Vera").await;
    let eve = app.signup("eve@evil.com", "Eve").await;
    let ws = owner.create_workspace("Acme").await.id;
    app.add_member(&ws, &viewer, "viewer").await;
    let path = format!("/workspaces/{ws}/audit?format=csv");
    problem(viewer.get(&path).await, 403, "not_allowed").await;
    problem(eve.get(&path).await, 404, "not_a_member").await;
}
