//! PRODUCT.md's "Rules that must always hold", over HTTP: for each rule the
//! allowed case and the denied one, with the status, the problem `code` and
//! proof that a refusal changed nothing. Rules 1–4 here, 5–7 in
//! lifecycle.rs; complements members.rs.

use crate::members::{Team, team};
use crate::support::{Session, problem};
use serde_json::{Value, json};

impl Team {
    pub(crate) fn path(&self, id: &str) -> String {
        format!("/workspaces/{}/members/{id}", self.ws)
    }

    /// The team table as the owner sees it, as JSON to compare.
    pub(crate) async fn table(&self) -> Value {
        serde_json::to_value(self.owner.members(&self.ws).await).unwrap()
    }

    /// One member row as the owner sees it.
    pub(crate) async fn row(&self, id: &str) -> Value {
        let table = self.table().await;
        let rows = table.as_array().unwrap();
        rows.iter()
            .find(|m| m["id"] == id)
            .cloned()
            .unwrap_or_default()
    }

    /// Adds a second owner.
    pub(crate) async fn co_owner(&self) -> (Session, String) {
        let co = self.app.signup("co@acme.com", "Cora").await;
        let id = self.app.add_member(&self.ws, &co, "owner").await;
        (co, id)
    }

    pub(crate) async fn audit(&self) -> i64 {
        self.app.audit_count(&self.ws).await
    }
}

#[tokio::test]
async fn rule_1_an_owner_may_be_deactivated_only_while_another_stays_active() {
    let t = team().await;
    let (co, co_id) = t.co_owner().await;
    let owner_id = t.owner.my_member_id(&t.ws).await;
    let before = (t.table().await, t.audit().await);
    problem(
        t.owner.delete(&t.path(&co_id)).await,
        409,
        "cannot_remove_owner",
    )
    .await;
    problem(
        t.owner
            .patch(&t.path(&owner_id), &json!({"role": "admin"}))
            .await,
        403,
        "own_role",
    )
    .await;
    assert_eq!(
        (t.table().await, t.audit().await),
        before,
        "refusals write nothing"
    );

    let off = json!({"status": "deactivated"});
    let res = t.owner.patch(&t.path(&co_id), &off).await;
    assert_eq!(res.status(), 200, "an owner deactivates a co-owner");
    assert_eq!(t.app.owner_count(&t.ws).await, 1, "one active owner left");
    let leave = format!("/workspaces/{}/leave", t.ws);
    let before = (t.table().await, t.audit().await);
    problem(t.owner.post(&leave, &json!({})).await, 409, "last_owner").await;
    problem(
        co.patch(&t.path(&owner_id), &off).await,
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
    assert_eq!(t.owner.patch(&t.path(&co_id), &on).await.status(), 200);
    assert_eq!(t.owner.post(&leave, &json!({})).await.status(), 204);
    assert_eq!(t.app.owner_count(&t.ws).await, 1, "the co-owner remains");
}

#[tokio::test]
async fn rule_2_only_the_owner_changes_feature_and_resource_access_and_never_their_own() {
    let t = team().await;
    let owner_id = t.owner.my_member_id(&t.ws).await;
    let features = json!({"feature_access": ["dashboard"]});
    let resources = json!({"resource_access": ["conn_1"]});
    let before = (t.table().await, t.audit().await);
    for body in [&features, &resources] {
        problem(
            t.admin.patch(&t.path(&t.viewer_id), body).await,
            403,
            "not_allowed",
        )
        .await;
        problem(
            t.viewer.patch(&t.path(&t.admin_id), body).await,
            403,
            "not_allowed",
        )
        .await;
        problem(
            t.admin.patch(&t.path(&t.admin_id), body).await,
            403,
            "not_allowed",
        )
        .await;
        problem(
            t.owner.patch(&t.path(&owner_id), body).await,
            403,
            "own_access",
        )
        .await;
    }
    problem(
        t.admin
            .patch(&t.path(&owner_id), &json!({"role": "viewer"}))
            .await,
        403,
        "not_allowed",
    )
    .await;
    assert_eq!(
        (t.table().await, t.audit().await),
        before,
        "refusals write nothing"
    );

    let audit = t.audit().await;
    assert_eq!(
        t.owner
            .patch(&t.path(&t.admin_id), &features)
            .await
            .status(),
        200
    );
    assert_eq!(
        t.owner
            .patch(&t.path(&t.admin_id), &resources)
            .await
            .status(),
        200
    );
    let row = t.row(&t.admin_id).await;
    assert_eq!(row["feature_access"], json!(["dashboard"]));
    assert_eq!(row["resource_access"], json!(["conn_1"]));
    assert_eq!(row["role"], "admin", "access is independent of the role");
    assert_eq!(t.audit().await, audit + 2, "both changes recorded");
}

#[tokio::test]
async fn rule_3_an_admin_cannot_invite_above_their_own_role_or_access() {
    let t = team().await;
    let limit = json!({"feature_access": ["dashboard"], "resource_access": ["conn_1"]});
    assert_eq!(
        t.owner.patch(&t.path(&t.admin_id), &limit).await.status(),
        200
    );
    let invitations = format!("/workspaces/{}/invitations", t.ws);
    let before = (
        t.admin.get(&invitations).await.text().await.unwrap(),
        t.audit().await,
    );
    let res = t
        .admin
        .post(
            &invitations,
            &json!({"invites": [
                {"email": "own@acme.com", "role": "owner"},
                {"email": "fa@acme.com", "role": "viewer", "feature_access": "all"},
                {"email": "ra@acme.com", "role": "viewer", "resource_access": ["conn_2"]},
            ]}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    let verdicts: Vec<&str> = body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(verdicts, ["role_not_allowed"; 3], "{body}");
    let after = (
        t.admin.get(&invitations).await.text().await.unwrap(),
        t.audit().await,
    );
    assert_eq!(after, before, "refused rows write nothing");

    let res = t
        .admin
        .post(
            &invitations,
            &json!({"invites": [{"email": "ok@acme.com", "role": "admin",
                "feature_access": ["dashboard"], "resource_access": ["conn_1"]}]}),
        )
        .await;
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["results"][0]["status"], "invited", "{body}");
}

#[tokio::test]
async fn rule_4_a_transfer_needs_an_active_admin_and_swaps_both_roles_at_once() {
    let t = team().await;
    let owner_id = t.owner.my_member_id(&t.ws).await;
    let transfer = format!("/workspaces/{}/ownership-transfer", t.ws);
    let to_admin = json!({"member_id": t.admin_id, "confirm": true});
    let off = json!({"status": "deactivated"});
    assert_eq!(
        t.owner.patch(&t.path(&t.admin_id), &off).await.status(),
        200
    );
    let before = (t.table().await, t.audit().await);
    problem(
        t.owner.post(&transfer, &to_admin).await,
        409,
        "target_inactive",
    )
    .await;
    problem(
        t.owner
            .post(&transfer, &json!({"member_id": owner_id, "confirm": true}))
            .await,
        403,
        "own_role",
    )
    .await;
    assert_eq!(
        (t.table().await, t.audit().await),
        before,
        "refusals write nothing"
    );

    let on = json!({"status": "active"});
    assert_eq!(t.owner.patch(&t.path(&t.admin_id), &on).await.status(), 200);
    let audit = t.audit().await;
    assert_eq!(t.owner.post(&transfer, &to_admin).await.status(), 200);
    assert_eq!(t.row(&t.admin_id).await["role"], "owner");
    assert_eq!(t.row(&owner_id).await["role"], "admin");
    assert_eq!(t.app.owner_count(&t.ws).await, 1);
    assert!(t.audit().await > audit, "the transfer is recorded");

    let before = (t.table().await, t.audit().await);
    let back = json!({"member_id": owner_id, "confirm": true});
    problem(t.owner.post(&transfer, &back).await, 403, "not_allowed").await;
    problem(
        t.owner
            .patch(&t.path(&t.viewer_id), &json!({"role": "editor"}))
            .await,
        403,
        "not_allowed",
    )
    .await;
    assert_eq!(
        (t.table().await, t.audit().await),
        before,
        "the old owner is an admin now"
    );
}
