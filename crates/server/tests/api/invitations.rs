//! Invitations: batch verdicts per row, the outbox, resend / link / revoke,
//! and the invitee accepting or declining.

use crate::support::{TestApp, problem};
use roster_api::{
    AcceptedInvitationResponse, InvitationLinkResponse, InvitationResponse,
    InvitationResultsResponse, MeResponse, Page,
};
use serde_json::json;

#[tokio::test]
async fn a_batch_answers_a_verdict_per_row_and_applies_the_valid_ones() {
    let app = TestApp::spawn().await;
    let owner = app.signup("owner@acme.com", "Olga").await;
    let member = app.signup("member@acme.com", "Mo").await;
    let ws = owner.create_workspace("Acme").await.id;
    app.add_member(&ws, &member, "viewer").await;
    let path = format!("/workspaces/{ws}/invitations");
    let first = owner
        .post(
            &path,
            &json!({"invites": [{"email": "pending@acme.com", "role": "viewer"}]}),
        )
        .await;
    assert_eq!(first.status(), 200);
    let res = owner
        .post(
            &path,
            &json!({"invites": [
                {"email": "New@Acme.com", "role": "editor", "feature_access": ["dashboard"]},
                {"email": "new@acme.com", "role": "viewer"},
                {"email": "member@acme.com", "role": "viewer"},
                {"email": "pending@acme.com", "role": "viewer"},
                {"email": "someone@gmail.com", "role": "viewer"},
                {"email": "not an email", "role": "viewer"},
                {"email": "boss@acme.com", "role": "owner"},
                {"email": "wiz@acme.com", "role": "wizard"},
            ]}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let body: InvitationResultsResponse = res.json().await.unwrap();
    let statuses: Vec<_> = body.results.iter().map(|r| r.status.as_str()).collect();
    assert_eq!(
        statuses,
        [
            "invited",
            "duplicate_in_batch",
            "already_member",
            "already_invited",
            "personal_domain",
            "invalid_email",
            "role_not_allowed",
            "role_not_allowed"
        ]
    );
    assert!(body.results[0].invitation_id.is_some());
    assert!(body.results[1..].iter().all(|r| r.invitation_id.is_none()));
    let list: Page<InvitationResponse> = owner.get_ok(&path).await;
    assert_eq!(list.items.len(), 2);
    assert_eq!(list.items[0].email, "new@acme.com");
    let team = owner.members(&ws).await;
    let invited: Vec<_> = team
        .iter()
        .filter(|m| m.status == roster_model::MemberStatus::Invited)
        .collect();
    assert_eq!(invited.len(), 2, "invited people show in the team table");
    assert!(!app.latest_invite_token("new@acme.com").await.is_empty());
}

#[tokio::test]
async fn only_inviters_may_invite_and_bad_batches_write_nothing() {
    let app = TestApp::spawn().await;
    let owner = app.signup("owner@acme.com", "Olga").await;
    let viewer = app.signup("viewer@acme.com", "Vera").await;
    let eve = app.signup("eve@evil.com", "Eve").await;
    let ws = owner.create_workspace("Acme").await.id;
    app.add_member(&ws, &viewer, "viewer").await;
    let path = format!("/workspaces/{ws}/invitations");
    let one = json!({"invites": [{"email": "x@acme.com", "role": "viewer"}]});
    let audit = app.audit_count(&ws).await;
    problem(viewer.post(&path, &one).await, 403, "not_allowed").await;
    problem(viewer.get(&path).await, 403, "not_allowed").await;
    problem(eve.post(&path, &one).await, 404, "not_a_member").await;
    problem(
        owner
            .post(&path, &json!({"invites": [{"email": "x@acme.com"}]}))
            .await,
        422,
        "validation",
    )
    .await;
    problem(
        owner.post(&path, &json!({"people": []})).await,
        422,
        "validation",
    )
    .await;
    // A batch holds at most 1,000 rows (and fits the body limit at that).
    let rows = |n: usize| -> Vec<_> {
        (0..n)
            .map(|i| json!({"email": format!("p{i}@acme.com"), "role": "viewer"}))
            .collect()
    };
    let too_many = problem(
        owner.post(&path, &json!({"invites": rows(1_001)})).await,
        422,
        "validation",
    )
    .await;
    assert_eq!(too_many.errors[0].field, "invites");
    assert_eq!(app.audit_count(&ws).await, audit);
    let list: Page<InvitationResponse> = owner.get_ok(&path).await;
    assert!(list.items.is_empty());
}

#[tokio::test]
async fn the_invitee_sees_and_accepts_the_invitation_and_joins_with_its_role() {
    let app = TestApp::spawn().await;
    let owner = app.signup("owner@acme.com", "Olga").await;
    let ws = owner.create_workspace("Acme").await.id;
    let res = owner
        .post(
            &format!("/workspaces/{ws}/invitations"),
            &json!({"invites": [{"email": "nia@acme.com", "role": "editor"}]}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let nia = app.signup("nia@acme.com", "Nia").await;
    let me: MeResponse = nia.get_ok("/me").await;
    assert_eq!(me.pending_invitations.len(), 1);
    let inv = &me.pending_invitations[0];
    assert_eq!(
        (inv.workspace_name.as_str(), inv.role.as_str()),
        ("Acme", "editor")
    );
    let stranger = app.signup("stranger@acme.com", "S").await;
    problem(
        stranger
            .post(&format!("/invitations/{}/accept", inv.id), &json!({}))
            .await,
        404,
        "not_found",
    )
    .await;
    let res = nia
        .post(&format!("/invitations/{}/accept", inv.id), &json!({}))
        .await;
    assert_eq!(res.status(), 200);
    let joined: AcceptedInvitationResponse = res.json().await.unwrap();
    assert_eq!(joined.workspace_id, ws);
    let me: MeResponse = nia.get_ok("/me").await;
    assert!(me.pending_invitations.is_empty());
    assert_eq!(me.last_workspace_id.as_deref(), Some(ws.as_str()));
    assert_eq!(
        (
            me.workspaces[0].role.as_str(),
            me.workspaces[0].status.as_str()
        ),
        ("editor", "active")
    );
    problem(
        nia.post(&format!("/invitations/{}/accept", inv.id), &json!({}))
            .await,
        409,
        "no_pending_invitation",
    )
    .await;
}

#[tokio::test]
async fn an_invitation_link_is_single_use_and_a_new_link_replaces_the_old() {
    let app = TestApp::spawn().await;
    let owner = app.signup("owner@acme.com", "Olga").await;
    let ws = owner.create_workspace("Acme").await.id;
    let res: InvitationResultsResponse = owner
        .post(
            &format!("/workspaces/{ws}/invitations"),
            &json!({"invites": [{"email": "tom@acme.com", "role": "viewer"}]}),
        )
        .await
        .json()
        .await
        .unwrap();
    let id = res.results[0].invitation_id.clone().unwrap();
    let mailed = app.latest_invite_token("tom@acme.com").await;
    let link: InvitationLinkResponse = owner
        .get_ok(&format!("/workspaces/{ws}/invitations/{id}/link"))
        .await;
    let fresh = link.url.split("token=").nth(1).unwrap().to_owned();
    assert_ne!(fresh, mailed);
    // Someone else holding the link cannot use it.
    let eve = app.signup("eve@acme.com", "Eve").await;
    problem(
        eve.post("/invitations/accept", &json!({"token": fresh}))
            .await,
        403,
        "invitation_for_another_email",
    )
    .await;
    let tom = app.signup("tom@acme.com", "Tom").await;
    problem(
        tom.post("/invitations/accept", &json!({"token": mailed}))
            .await,
        404,
        "not_found",
    )
    .await;
    let res = tom
        .post("/invitations/accept", &json!({"token": fresh}))
        .await;
    assert_eq!(res.status(), 200);
    problem(
        tom.post("/invitations/accept", &json!({"token": fresh}))
            .await,
        409,
        "no_pending_invitation",
    )
    .await;
    problem(
        tom.post("/invitations/accept", &json!({"token": 5})).await,
        422,
        "validation",
    )
    .await;
}

#[tokio::test]
async fn resend_issues_a_new_token_and_revoke_and_decline_end_the_invitation() {
    let app = TestApp::spawn().await;
    let owner = app.signup("owner@acme.com", "Olga").await;
    let ws = owner.create_workspace("Acme").await.id;
    let path = format!("/workspaces/{ws}/invitations");
    let res: InvitationResultsResponse = owner
        .post(&path, &json!({"invites": [{"email": "a@acme.com", "role": "viewer"}, {"email": "b@acme.com", "role": "viewer"}]}))
        .await
        .json()
        .await
        .unwrap();
    let (a_id, b_id) = (
        res.results[0].invitation_id.clone().unwrap(),
        res.results[1].invitation_id.clone().unwrap(),
    );
    let first = app.latest_invite_token("a@acme.com").await;
    let res = owner
        .request(reqwest::Method::POST, &format!("{path}/{a_id}/resend"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    assert_ne!(app.latest_invite_token("a@acme.com").await, first);
    assert_eq!(owner.delete(&format!("{path}/{a_id}")).await.status(), 204);
    problem(
        owner.delete(&format!("{path}/{a_id}")).await,
        409,
        "invitation_not_pending",
    )
    .await;
    problem(
        owner.delete(&format!("{path}/inv_missing")).await,
        404,
        "not_found",
    )
    .await;
    let b = app.signup("b@acme.com", "B").await;
    let res = b
        .post(&format!("/invitations/{b_id}/decline"), &json!({}))
        .await;
    assert_eq!(res.status(), 204);
    let list: Page<InvitationResponse> = owner.get_ok(&path).await;
    let statuses: Vec<_> = list.items.iter().map(|i| i.status.as_str()).collect();
    assert_eq!(statuses, ["declined"]);
    assert_eq!(owner.members(&ws).await.len(), 1, "invited rows are gone");
    let a = app.signup("a@acme.com", "A").await;
    let me: MeResponse = a.get_ok("/me").await;
    assert!(me.pending_invitations.is_empty());
}

#[tokio::test]
async fn the_seat_limit_is_enforced_at_invite_time() {
    let app = TestApp::spawn_with(|c| {
        c.rate_limits = roster_server::Switch::Off;
        c.seat_limit = Some(2);
    })
    .await;
    let owner = app.signup("owner@acme.com", "Olga").await;
    let ws = owner.create_workspace("Acme").await.id;
    let res: InvitationResultsResponse = owner
        .post(
            &format!("/workspaces/{ws}/invitations"),
            &json!({"invites": [{"email": "a@acme.com", "role": "viewer"}, {"email": "b@acme.com", "role": "viewer"}]}),
        )
        .await
        .json()
        .await
        .unwrap();
    let statuses: Vec<_> = res.results.iter().map(|r| r.status.as_str()).collect();
    assert_eq!(statuses, ["invited", "seat_limit"]);
}

#[tokio::test]
async fn an_expired_invitation_cannot_be_accepted_until_resent() {
    let (app, clock) = TestApp::spawn_with_clock().await;
    let owner = app.signup("owner@acme.com", "Olga").await;
    let ws = owner.create_workspace("Acme").await.id;
    let path = format!("/workspaces/{ws}/invitations");
    let res: InvitationResultsResponse = owner
        .post(
            &path,
            &json!({"invites": [{"email": "late@acme.com", "role": "viewer"}]}),
        )
        .await
        .json()
        .await
        .unwrap();
    let id = res.results[0].invitation_id.clone().unwrap();
    let late = app.signup("late@acme.com", "Late").await;
    clock.advance(chrono::Duration::days(8));
    let me: MeResponse = late.get_ok("/me").await;
    assert!(
        me.pending_invitations.is_empty(),
        "expired ones are not offered"
    );
    let list: Page<InvitationResponse> = owner.get_ok(&path).await;
    assert_eq!(list.items[0].status, "expired");
    problem(
        late.post(&format!("/invitations/{id}/accept"), &json!({}))
            .await,
        409,
        "invitation_expired",
    )
    .await;
    let res = owner
        .request(reqwest::Method::POST, &format!("{path}/{id}/resend"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let res = late
        .post(&format!("/invitations/{id}/accept"), &json!({}))
        .await;
    assert_eq!(res.status(), 200);
}
