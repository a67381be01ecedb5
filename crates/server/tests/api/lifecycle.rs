//! Rules 5–7 of PRODUCT.md over HTTP: removed members lose access at once
//! while what they made stays, deactivation keeps the record, and every
//! allowed change adds exactly one audit event naming its actor.

use crate::members::team;
use crate::support::{Session, problem};
use serde_json::{Value, json};

#[tokio::test]
async fn rule_5_a_removed_member_loses_access_at_once_and_what_they_made_stays() {
    let t = team().await;
    let invitations = format!("/workspaces/{}/invitations", t.ws);
    let res = t
        .admin
        .post(
            &invitations,
            &json!({"invites": [{"email": "zed@acme.com", "role": "viewer"}]}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let made: Value = t.owner.get_ok(&invitations).await;
    let audit_before = t.audit().await;

    assert_eq!(t.owner.delete(&t.path(&t.admin_id)).await.status(), 204);
    for path in [format!("/workspaces/{}", t.ws), invitations.clone()] {
        problem(t.admin.get(&path).await, 404, "not_a_member").await;
    }
    problem(
        t.admin
            .post(
                &invitations,
                &json!({"invites": [{"email": "y@acme.com", "role": "viewer"}]}),
            )
            .await,
        404,
        "not_a_member",
    )
    .await;
    let still: Value = t.owner.get_ok(&invitations).await;
    assert_eq!(still, made, "the admin's invitation stays");
    assert_eq!(
        t.audit().await,
        audit_before + 1,
        "only the removal is added"
    );
    let events: Value = t
        .owner
        .get_ok(&format!(
            "/workspaces/{}/audit?actor={}",
            t.ws, t.admin.user_id
        ))
        .await;
    assert!(
        !events["items"].as_array().unwrap().is_empty(),
        "their history stays"
    );
}

#[tokio::test]
async fn rule_6_a_deactivated_member_keeps_the_record_and_regains_access_when_reactivated() {
    let t = team().await;
    let off = json!({"status": "deactivated"});
    assert_eq!(
        t.owner.patch(&t.path(&t.admin_id), &off).await.status(),
        200
    );
    let row = t.row(&t.admin_id).await;
    assert_eq!(
        (row["status"].as_str(), row["role"].as_str()),
        (Some("deactivated"), Some("admin"))
    );
    let before = (t.table().await, t.audit().await);
    let invitations = format!("/workspaces/{}/invitations", t.ws);
    problem(
        t.admin.get(&format!("/workspaces/{}/members", t.ws)).await,
        403,
        "inactive_member",
    )
    .await;
    problem(
        t.admin
            .post(
                &invitations,
                &json!({"invites": [{"email": "y@acme.com", "role": "viewer"}]}),
            )
            .await,
        403,
        "inactive_member",
    )
    .await;
    problem(
        t.admin
            .patch(&t.path(&t.viewer_id), &json!({"status": "deactivated"}))
            .await,
        403,
        "inactive_member",
    )
    .await;
    assert_eq!(
        (t.table().await, t.audit().await),
        before,
        "refusals write nothing"
    );

    let on = json!({"status": "active"});
    assert_eq!(t.owner.patch(&t.path(&t.admin_id), &on).await.status(), 200);
    let res = t.admin.get(&invitations).await;
    assert_eq!(res.status(), 200, "access is back");
}

#[tokio::test]
async fn rule_7_every_allowed_change_adds_to_the_audit_log_with_its_actor() {
    let t = team().await;
    let ws = &t.ws;
    let w = format!("/workspaces/{ws}");
    let steps: Vec<(&Session, reqwest::Method, String, Value)> = vec![
        (
            &t.admin,
            reqwest::Method::PATCH,
            w.clone(),
            json!({"description": "Hi"}),
        ),
        (
            &t.admin,
            reqwest::Method::PUT,
            format!("{w}/config/k"),
            json!({"value": "v"}),
        ),
        (
            &t.admin,
            reqwest::Method::DELETE,
            format!("{w}/config/k"),
            json!(null),
        ),
        (
            &t.owner,
            reqwest::Method::PATCH,
            t.path(&t.viewer_id),
            json!({"role": "editor"}),
        ),
        (
            &t.owner,
            reqwest::Method::PATCH,
            t.path(&t.viewer_id),
            json!({"feature_access": ["ai_chat"]}),
        ),
        (
            &t.owner,
            reqwest::Method::PATCH,
            t.path(&t.viewer_id),
            json!({"status": "deactivated"}),
        ),
        (
            &t.owner,
            reqwest::Method::PATCH,
            t.path(&t.viewer_id),
            json!({"status": "active"}),
        ),
        (
            &t.admin,
            reqwest::Method::POST,
            format!("{w}/invitations"),
            json!({"invites": [{"email": "zed@acme.com", "role": "viewer"}]}),
        ),
        (
            &t.viewer,
            reqwest::Method::POST,
            format!("{w}/leave"),
            json!({}),
        ),
        (
            &t.admin,
            reqwest::Method::POST,
            format!("{w}/archive"),
            json!({}),
        ),
    ];
    for (who, method, path, body) in steps {
        let what = format!("{method} {path} {body}");
        let before = t.audit().await;
        let res = if body.is_null() {
            who.request(method, &path).send().await.unwrap()
        } else {
            who.send(method, &path, &body).await
        };
        assert!(res.status().is_success(), "{what}: {}", res.status());
        assert_eq!(t.audit().await, before + 1, "{what} is recorded once");
        let last: Value = t.owner.get_ok(&format!("{w}/audit?limit=1")).await;
        let event = &last["items"][0];
        assert_eq!(event["actor"], json!(who.user_id), "{what}: {event}");
        assert!(
            event["at"].is_string() && event["action"].is_string(),
            "{event}"
        );
    }
}
