//! Members: role / access / status changes, removal, leaving and ownership
//! transfer, each decided by roster-model.

use crate::support::{Session, TestApp, problem};
use roster_api::MemberResponse;
use serde_json::json;

pub(crate) struct Team {
    pub(crate) app: TestApp,
    pub(crate) ws: String,
    pub(crate) owner: Session,
    pub(crate) admin: Session,
    pub(crate) admin_id: String,
    pub(crate) viewer: Session,
    pub(crate) viewer_id: String,
}

pub(crate) async fn team() -> Team {
    let app = TestApp::spawn().await;
    let owner = app.signup("owner@acme.com", "Olga").await;
    let admin = app.signup("admin@acme.com", "Adam").await;
    let viewer = app.signup("viewer@acme.com", "Vera").await;
    let ws = owner.create_workspace("Acme").await.id;
    let admin_id = app.add_member(&ws, &admin, "admin").await;
    let viewer_id = app.add_member(&ws, &viewer, "viewer").await;
    Team {
        app,
        ws,
        owner,
        admin,
        admin_id,
        viewer,
        viewer_id,
    }
}

impl Team {
    fn member(&self, id: &str) -> String {
        format!("/workspaces/{}/members/{id}", self.ws)
    }

    async fn role_of(&self, id: &str) -> String {
        let members = self.owner.members(&self.ws).await;
        members
            .into_iter()
            .find(|m| m.id == id)
            .map(|m| m.role)
            .unwrap_or_default()
    }
}

#[tokio::test]
async fn the_owner_changes_roles_and_access_and_every_change_is_audited() {
    let t = team().await;
    let before = t.app.audit_count(&t.ws).await;
    let res = t
        .owner
        .patch(
            &t.member(&t.viewer_id),
            &json!({"role": "editor", "feature_access": ["dashboard"], "resource_access": "all"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let m: MemberResponse = res.json().await.unwrap();
    assert_eq!(m.role, "editor");
    assert_eq!(
        serde_json::to_value(&m.feature_access).unwrap(),
        json!(["dashboard"])
    );
    assert_eq!(t.app.audit_count(&t.ws).await, before + 1);
}

#[tokio::test]
async fn resource_lists_past_the_limits_are_refused_and_change_nothing() {
    let t = team().await;
    let audit = t.app.audit_count(&t.ws).await;
    let too_many: Vec<String> = (0..501).map(|i| format!("r{i}")).collect();
    for list in [json!(too_many), json!(["x".repeat(201)]), json!([""])] {
        let res = t
            .owner
            .patch(&t.member(&t.viewer_id), &json!({ "resource_access": list }))
            .await;
        let p = problem(res, 422, "validation").await;
        assert_eq!(p.errors[0].field, "resource_access", "{p:?}");
    }
    let sent = json!({"invites": [
        {"email": "ok@acme.test", "role": "viewer"},
        {"email": "big@acme.test", "role": "viewer", "resource_access": too_many},
    ]});
    let res = t
        .owner
        .post(&format!("/workspaces/{}/invitations", t.ws), &sent)
        .await;
    let p = problem(res, 422, "validation").await;
    assert_eq!(p.errors[0].field, "invites[1].resource_access");
    assert_eq!(t.app.audit_count(&t.ws).await, audit, "nothing written");
}

#[tokio::test]
async fn role_changes_are_refused_by_the_model_and_change_nothing() {
    let t = team().await;
    let audit = t.app.audit_count(&t.ws).await;
    let owner_id = t.owner.my_member_id(&t.ws).await;
    let cases = [
        (
            &t.admin,
            t.viewer_id.clone(),
            json!({"role": "editor"}),
            403,
            "not_allowed",
        ),
        (
            &t.viewer,
            t.admin_id.clone(),
            json!({"role": "viewer"}),
            403,
            "not_allowed",
        ),
        (
            &t.owner,
            owner_id.clone(),
            json!({"role": "admin"}),
            403,
            "own_role",
        ),
        (
            &t.owner,
            t.viewer_id.clone(),
            json!({"role": "owner"}),
            422,
            "owner_requires_admin",
        ),
        (
            &t.owner,
            t.viewer_id.clone(),
            json!({"status": "invited"}),
            422,
            "validation",
        ),
        (
            &t.owner,
            t.viewer_id.clone(),
            json!({"role": "wizard"}),
            422,
            "validation",
        ),
        (
            &t.owner,
            t.viewer_id.clone(),
            json!({"role": 1}),
            422,
            "validation",
        ),
        (
            &t.owner,
            t.viewer_id.clone(),
            json!({"feature_access": "some"}),
            422,
            "validation",
        ),
        (
            &t.owner,
            t.viewer_id.clone(),
            json!({"colour": "red"}),
            422,
            "validation",
        ),
        (
            &t.owner,
            t.viewer_id.clone(),
            json!({"status": "active"}),
            409,
            "status_unchanged",
        ),
        (
            &t.owner,
            owner_id.clone(),
            json!({"status": "deactivated"}),
            403,
            "own_status",
        ),
        (
            &t.owner,
            "mem_missing".to_owned(),
            json!({"role": "viewer"}),
            404,
            "not_found",
        ),
    ];
    for (who, target, body, status, code) in cases {
        problem(who.patch(&t.member(&target), &body).await, status, code).await;
    }
    let res = t
        .owner
        .request(reqwest::Method::PATCH, &t.member(&t.viewer_id))
        .header("content-type", "application/json")
        .body("{role:")
        .send()
        .await
        .unwrap();
    problem(res, 400, "bad_request").await;
    assert_eq!(t.role_of(&t.viewer_id).await, "viewer");
    assert_eq!(t.role_of(&owner_id).await, "owner");
    assert_eq!(t.app.audit_count(&t.ws).await, audit);
}

#[tokio::test]
async fn an_admin_becomes_co_owner_and_owners_cannot_drop_to_zero() {
    let t = team().await;
    let owner_id = t.owner.my_member_id(&t.ws).await;
    let res = t
        .owner
        .patch(&t.member(&t.admin_id), &json!({"role": "owner"}))
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(t.app.owner_count(&t.ws).await, 2);
    let res = t
        .admin
        .patch(&t.member(&owner_id), &json!({"role": "admin"}))
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(t.app.owner_count(&t.ws).await, 1);
    problem(
        t.admin
            .post(&format!("/workspaces/{}/leave", t.ws), &json!({}))
            .await,
        409,
        "last_owner",
    )
    .await;
    assert_eq!(t.app.owner_count(&t.ws).await, 1);
}

#[tokio::test]
async fn removing_members_follows_the_rules() {
    let t = team().await;
    let owner_id = t.owner.my_member_id(&t.ws).await;
    problem(
        t.admin.delete(&t.member(&t.viewer_id)).await,
        403,
        "not_allowed",
    )
    .await;
    problem(
        t.owner.delete(&t.member(&owner_id)).await,
        422,
        "cannot_remove_self",
    )
    .await;
    assert_eq!(t.owner.delete(&t.member(&t.viewer_id)).await.status(), 204);
    problem(
        t.viewer.get(&format!("/workspaces/{}", t.ws)).await,
        404,
        "not_a_member",
    )
    .await;
    problem(
        t.owner.delete(&t.member(&t.viewer_id)).await,
        404,
        "not_found",
    )
    .await;
    assert_eq!(t.owner.members(&t.ws).await.len(), 2);
}

#[tokio::test]
async fn members_leave_but_the_last_owner_cannot() {
    let t = team().await;
    let leave = format!("/workspaces/{}/leave", t.ws);
    assert_eq!(t.viewer.post(&leave, &json!({})).await.status(), 204);
    problem(
        t.viewer.get(&format!("/workspaces/{}", t.ws)).await,
        404,
        "not_a_member",
    )
    .await;
    problem(t.owner.post(&leave, &json!({})).await, 409, "last_owner").await;
    assert_eq!(t.app.owner_count(&t.ws).await, 1);
}

#[tokio::test]
async fn ownership_moves_to_an_admin_only_with_confirmation() {
    let t = team().await;
    let path = format!("/workspaces/{}/ownership-transfer", t.ws);
    let owner_id = t.owner.my_member_id(&t.ws).await;
    let cases = [
        (
            &t.owner,
            json!({"member_id": t.viewer_id, "confirm": true}),
            422,
            "transfer_target_not_admin",
        ),
        (
            &t.owner,
            json!({"member_id": t.admin_id, "confirm": false}),
            422,
            "confirmation_required",
        ),
        (
            &t.owner,
            json!({"member_id": t.admin_id}),
            422,
            "validation",
        ),
        (
            &t.admin,
            json!({"member_id": owner_id, "confirm": true}),
            403,
            "not_allowed",
        ),
        (
            &t.owner,
            json!({"member_id": "mem_missing", "confirm": true}),
            404,
            "not_found",
        ),
    ];
    for (who, body, status, code) in cases {
        problem(who.post(&path, &body).await, status, code).await;
    }
    assert_eq!(t.role_of(&t.admin_id).await, "admin");
    let res = t
        .owner
        .post(&path, &json!({"member_id": t.admin_id, "confirm": true}))
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(t.role_of(&t.admin_id).await, "owner");
    assert_eq!(t.role_of(&owner_id).await, "admin");
    assert_eq!(t.app.owner_count(&t.ws).await, 1);
}

#[tokio::test]
async fn an_empty_change_is_a_no_op_that_writes_nothing() {
    let t = team().await;
    let audit = t.app.audit_count(&t.ws).await;
    let res = t.owner.patch(&t.member(&t.viewer_id), &json!({})).await;
    assert_eq!(res.status(), 200);
    let member: serde_json::Value = res.json().await.unwrap();
    assert_eq!(
        (member["id"].as_str(), member["role"].as_str()),
        (Some(t.viewer_id.as_str()), Some("viewer"))
    );
    let nulls = json!({"role": null, "status": null});
    assert_eq!(
        t.owner
            .patch(&t.member(&t.viewer_id), &nulls)
            .await
            .status(),
        200
    );
    let res = t
        .owner
        .patch(&format!("/workspaces/{}", t.ws), &json!({}))
        .await;
    assert_eq!(res.status(), 200);
    let ws: serde_json::Value = res.json().await.unwrap();
    assert_eq!(ws["id"].as_str(), Some(t.ws.as_str()));
    assert_eq!(t.app.audit_count(&t.ws).await, audit);
}

#[tokio::test]
async fn leaving_forgets_the_workspace_as_the_last_used_one() {
    let t = team().await;
    let res = t
        .viewer
        .send(
            reqwest::Method::PUT,
            "/me/last-workspace",
            &json!({"workspace_id": t.ws}),
        )
        .await;
    assert_eq!(res.status(), 204);
    let res = t
        .viewer
        .post(&format!("/workspaces/{}/leave", t.ws), &json!({}))
        .await;
    assert_eq!(res.status(), 204);
    let me: roster_api::MeResponse = t.viewer.get_ok("/me").await;
    assert_eq!(me.last_workspace_id, None);
    assert!(me.workspaces.is_empty());
}
