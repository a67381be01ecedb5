//! `GET /invitations/lookup`: what an invitation link offers its landing
//! page, signed in or not, through every state the invitation and its
//! workspace can be in.

use crate::support::{TestApp, problem};
use roster_api::{InvitationPreviewResponse, InvitationResultsResponse};
use serde_json::json;

async fn invite(owner: &crate::support::Session, ws: &str, emails: &[&str]) -> Vec<String> {
    let invites: Vec<_> = emails
        .iter()
        .map(|e| json!({"email": e, "role": "editor"}))
        .collect();
    let res: InvitationResultsResponse = owner
        .post(
            &format!("/workspaces/{ws}/invitations"),
            &json!({ "invites": invites }),
        )
        .await
        .json()
        .await
        .unwrap();
    res.results
        .into_iter()
        .map(|r| r.invitation_id.unwrap())
        .collect()
}

async fn look(app: &TestApp, token: &str) -> reqwest::Response {
    app.get(&format!("/api/v1/invitations/lookup?token={token}"))
        .await
}

async fn status_of(app: &TestApp, token: &str) -> String {
    let res = look(app, token).await;
    assert_eq!(
        res.status(),
        200,
        "{token}: {}",
        res.text().await.unwrap_or_default()
    );
    res.json::<InvitationPreviewResponse>()
        .await
        .unwrap()
        .status
}

#[tokio::test]
async fn a_link_shows_its_workspace_inviter_and_address_without_a_session() {
    let app = TestApp::spawn().await;
    let owner = app.signup("owner@acme.com", "Olga Owner").await;
    let ws = owner.create_workspace("Acme Analytics").await.id;
    invite(&owner, &ws, &["tom@acme.com"]).await;
    let token = app.latest_invite_token("tom@acme.com").await;
    let res = look(&app, &token).await;
    assert_eq!(res.status(), 200);
    let p: InvitationPreviewResponse = res.json().await.unwrap();
    assert_eq!(p.workspace_id, ws);
    assert_eq!(p.workspace_name, "Acme Analytics");
    assert_eq!(p.email, "tom@acme.com");
    assert_eq!(p.role, "editor");
    assert_eq!(p.inviter_name.as_deref(), Some("Olga Owner"));
    assert_eq!(p.status, "pending");
    assert!(!p.expires_at.is_empty());
    // Signed in (as anyone), the answer is the same.
    let eve = app.signup("eve@acme.com", "Eve").await;
    let seen: InvitationPreviewResponse = eve
        .get_ok(&format!("/invitations/lookup?token={token}"))
        .await;
    assert_eq!(seen, p);
    problem(look(&app, "no-such-token").await, 404, "not_found").await;
    problem(look(&app, "").await, 404, "not_found").await;
    problem(
        app.get("/api/v1/invitations/lookup").await,
        422,
        "validation",
    )
    .await;
}

#[tokio::test]
async fn an_archived_workspace_takes_no_one_and_a_deleted_one_is_not_found() {
    let app = TestApp::spawn().await;
    let owner = app.signup("owner@acme.com", "Olga").await;
    let archived = owner.create_workspace("Archived Co").await.id;
    invite(&owner, &archived, &["archive@acme.com"]).await;
    let token = app.latest_invite_token("archive@acme.com").await;
    let res = owner
        .post(&format!("/workspaces/{archived}/archive"), &json!({}))
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(status_of(&app, &token).await, "archived");

    let deleted = owner.create_workspace("Deleted Co").await.id;
    invite(&owner, &deleted, &["delete@acme.com"]).await;
    let token = app.latest_invite_token("delete@acme.com").await;
    let res = owner
        .send(
            reqwest::Method::DELETE,
            &format!("/workspaces/{deleted}"),
            &json!({ "confirm": "Deleted Co" }),
        )
        .await;
    assert_eq!(res.status(), 204);
    problem(look(&app, &token).await, 404, "not_found").await;
}

#[tokio::test]
async fn a_link_reports_accepted_declined_and_expired_and_a_withdrawn_or_replaced_one_is_gone() {
    let (app, clock) = TestApp::spawn_with_clock().await;
    let owner = app.signup("owner@acme.com", "Olga").await;
    let ws = owner.create_workspace("Acme").await.id;
    let emails = ["a@acme.com", "d@acme.com", "r@acme.com", "s@acme.com"];
    let ids = invite(&owner, &ws, &emails).await;
    let mut tokens = Vec::new();
    for e in emails {
        tokens.push(app.latest_invite_token(e).await);
    }

    for t in &tokens {
        assert_eq!(status_of(&app, t).await, "pending");
    }
    let a = app.signup("a@acme.com", "A").await;
    let res = a
        .post("/invitations/accept", &json!({"token": tokens[0]}))
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(status_of(&app, &tokens[0]).await, "accepted");

    let d = app.signup("d@acme.com", "D").await;
    let res = d
        .post(&format!("/invitations/{}/decline", ids[1]), &json!({}))
        .await;
    assert_eq!(res.status(), 204);
    assert_eq!(status_of(&app, &tokens[1]).await, "declined");

    let path = format!("/workspaces/{ws}/invitations");
    assert_eq!(
        owner.delete(&format!("{path}/{}", ids[2])).await.status(),
        204
    );
    // A withdrawn link says nothing more about the workspace.
    problem(look(&app, &tokens[2]).await, 404, "not_found").await;

    // A resend replaces the link: the old one is no longer found. (A second
    // later, so the outbox orders the two messages by time.)
    clock.advance(chrono::Duration::seconds(1));
    let res = owner
        .request(reqwest::Method::POST, &format!("{path}/{}/resend", ids[3]))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    problem(look(&app, &tokens[3]).await, 404, "not_found").await;
    let fresh = app.latest_invite_token("s@acme.com").await;
    assert_eq!(status_of(&app, &fresh).await, "pending");
    clock.advance(chrono::Duration::days(8));
    assert_eq!(status_of(&app, &fresh).await, "expired");
}
