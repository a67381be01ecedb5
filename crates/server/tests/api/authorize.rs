//! The authorization API over HTTP: decisions with their reasons, who may
//! ask about whom, validation, and the batch's per-question answers.

use crate::members::team;
use crate::support::problem;
use roster_api::{AuthorizeBatchResponse, AuthorizeResponse};
use serde_json::{Value, json};

async fn decided(res: reqwest::Response) -> AuthorizeResponse {
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

#[tokio::test]
async fn members_learn_what_they_and_others_may_do_and_why() {
    let t = team().await;
    let ask = |body: Value| {
        let mut body = body;
        body["workspace_id"] = json!(t.ws);
        body
    };
    let mine = decided(
        t.viewer
            .post("/authorize", &ask(json!({"action": "content:read"})))
            .await,
    )
    .await;
    assert!(mine.allowed);
    assert_eq!(mine.reason, "role");
    let refused = t
        .viewer
        .post("/authorize", &ask(json!({"action": "members:invite"})))
        .await;
    let refused = decided(refused).await;
    assert!(!refused.allowed);
    assert_eq!(refused.reason, "not_allowed");
    assert!(
        refused.message.contains("Invite members"),
        "{}",
        refused.message
    );

    // The owner asks about the viewer, by member id and by user id.
    let viewer_user = t.viewer.get_ok::<Value>("/me").await["user"]["id"].clone();
    for principal in [json!(t.viewer_id), viewer_user] {
        let body = ask(json!({"principal": principal, "action": "config:write"}));
        let d = decided(t.owner.post("/authorize", &body).await).await;
        assert_eq!((d.allowed, d.reason.as_str()), (false, "not_allowed"));
    }
    let d = decided(
        t.owner
            .post(
                "/authorize",
                &ask(json!({"principal": t.admin_id, "action": "members:invite"})),
            )
            .await,
    )
    .await;
    assert!(d.allowed);

    // Feature and resource access narrow the answer.
    let narrowed = json!({"feature_access": ["dashboard"], "resource_access": ["db-1"]});
    let path = format!("/workspaces/{}/members/{}", t.ws, t.viewer_id);
    assert_eq!(t.owner.patch(&path, &narrowed).await.status(), 200);
    let on = |feature: &str, resource: &str| {
        ask(json!({"action": "content:read", "feature": feature, "resource": resource}))
    };
    assert!(
        decided(t.viewer.post("/authorize", &on("dashboard", "db-1")).await)
            .await
            .allowed
    );
    let d = decided(t.viewer.post("/authorize", &on("ai_chat", "db-1")).await).await;
    assert_eq!(d.reason, "feature_not_allowed");
    let d = decided(t.viewer.post("/authorize", &on("dashboard", "db-2")).await).await;
    assert_eq!(d.reason, "resource_not_allowed");

    // Someone who is not a member of the workspace is answered "not a member",
    // the same as an id that never existed.
    let d = decided(
        t.owner
            .post(
                "/authorize",
                &ask(json!({"principal": "usr_nobody", "action": "content:read"})),
            )
            .await,
    )
    .await;
    assert_eq!((d.allowed, d.reason.as_str()), (false, "not_a_member"));
}

#[tokio::test]
async fn outsiders_and_bad_questions_are_refused_and_nothing_is_revealed() {
    let t = team().await;
    let outsider = t.app.signup("out@else.com", "Otto").await;
    for ws in [t.ws.as_str(), "ws_missing"] {
        let body = json!({"workspace_id": ws, "action": "content:read"});
        problem(
            outsider.post("/authorize", &body).await,
            404,
            "not_a_member",
        )
        .await;
    }
    let anonymous = t
        .app
        .post_anon(
            "/authorize",
            &json!({"workspace_id": t.ws, "action": "content:read"}),
        )
        .await;
    problem(anonymous, 403, "csrf").await;
    let bad = json!({"workspace_id": t.ws, "action": "rule:everything", "feature": "Not A Key",
                     "resource": ""});
    let p = problem(t.owner.post("/authorize", &bad).await, 422, "validation").await;
    let fields: Vec<_> = p.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["action", "resource", "feature"]);
    let unknown = json!({"workspace_id": t.ws, "action": "content:read", "user": "x"});
    assert_eq!(t.owner.post("/authorize", &unknown).await.status(), 422);
}

#[tokio::test]
async fn a_batch_answers_each_question_in_order() {
    let t = team().await;
    let other = t
        .app
        .signup("else@else.com", "Elsa")
        .await
        .create_workspace("Else")
        .await
        .id;
    let checks = json!({"checks": [
        {"workspace_id": t.ws, "action": "content:read"},
        {"workspace_id": t.ws, "action": "workspace:delete"},
        {"workspace_id": other, "action": "content:read"},
        {"workspace_id": t.ws, "principal": t.admin_id, "action": "members:invite"},
    ]});
    let res = t.viewer.post("/authorize:batch", &checks).await;
    assert_eq!(res.status(), 200);
    let got: AuthorizeBatchResponse = res.json().await.unwrap();
    let summary: Vec<_> = got
        .results
        .iter()
        .map(|r| (r.status, r.allowed, r.reason.as_str()))
        .collect();
    assert_eq!(
        summary,
        [
            (200, true, "role"),
            (200, false, "not_allowed"),
            (404, false, "not_a_member"),
            (200, true, "role"),
        ]
    );

    let empty = t
        .viewer
        .post("/authorize:batch", &json!({"checks": []}))
        .await;
    problem(empty, 422, "validation").await;
    let many: Vec<_> = (0..101)
        .map(|_| json!({"workspace_id": t.ws, "action": "content:read"}))
        .collect();
    problem(
        t.viewer
            .post("/authorize:batch", &json!({"checks": many}))
            .await,
        422,
        "validation",
    )
    .await;
    let one_bad = json!({"checks": [
        {"workspace_id": t.ws, "action": "content:read"},
        {"workspace_id": t.ws, "action": "nope"},
    ]});
    let p = problem(
        t.viewer.post("/authorize:batch", &one_bad).await,
        422,
        "validation",
    )
    .await;
    assert_eq!(p.errors[0].field, "checks[1].action");
}
