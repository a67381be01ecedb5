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
