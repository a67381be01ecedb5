//! Workspaces: create, list, read, change settings, archive, delete, and
//! configuration properties; 404 for outsiders, 403 for the deactivated,
//! an audit event for every change and nothing written on refusal.

use crate::support::{TestApp, problem};
use roster_api::{ConfigResponse, MeResponse, MyWorkspaceResponse, Page, WorkspaceResponse};
use serde_json::json;

#[tokio::test]
async fn creating_a_workspace_makes_the_caller_owner_and_prefills_a_work_domain() {
    let app = TestApp::spawn().await;
    let ada = app.signup("ada@acme.com", "Ada").await;
    let ws = ada.create_workspace("  Acme  ").await;
    assert_eq!(
        (ws.name.as_str(), ws.region.as_str()),
        ("Acme", "eu-central-1")
    );
    assert_eq!(ws.domain.as_deref(), Some("acme.com"));
    assert_eq!((ws.role.as_str(), ws.status.as_str()), ("owner", "active"));
    let members = ada.members(&ws.id).await;
    assert_eq!(members.len(), 1);
    assert_eq!(
        (members[0].role.as_str(), members[0].email.as_str()),
        ("owner", "ada@acme.com")
    );
    let list: Page<MyWorkspaceResponse> = ada.get_ok("/workspaces").await;
    assert_eq!(list.items.len(), 1);
    assert_eq!(app.audit_count(&ws.id).await, 1);
    let gmail = app.signup("bob@gmail.com", "Bob").await;
    let ws = gmail.create_workspace("Bob's").await;
    assert_eq!(ws.domain, None, "no domain from a personal mail provider");
}

#[tokio::test]
async fn creating_a_workspace_refuses_bad_names_and_unoffered_regions() {
    let app = TestApp::spawn().await;
    let ada = app.signup("ada@acme.com", "Ada").await;
    let res = ada
        .post("/workspaces", &json!({"name": " ", "region": "mars-1"}))
        .await;
    let p = problem(res, 422, "validation").await;
    let fields: Vec<_> = p.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["name", "region"]);
    let res = ada
        .post("/workspaces", &json!({"name": "A", "region": 3}))
        .await;
    problem(res, 422, "validation").await;
    let res = ada
        .post(
            "/workspaces",
            &json!({"name": "A", "region": "eu-central-1", "owner": "x"}),
        )
        .await;
    problem(res, 422, "validation").await;
    let me: MeResponse = ada.get_ok("/me").await;
    assert!(me.workspaces.is_empty());
}

#[tokio::test]
async fn regions_come_from_the_deployment_setting() {
    let app = TestApp::spawn_with(|c| {
        c.rate_limits = roster_server::Switch::Off;
        c.regions = vec!["moon-1".to_owned()];
    })
    .await;
    let ada = app.signup("ada@acme.com", "Ada").await;
    let res = ada
        .post(
            "/workspaces",
            &json!({"name": "A", "region": "eu-central-1"}),
        )
        .await;
    problem(res, 422, "validation").await;
    let res = ada
        .post("/workspaces", &json!({"name": "A", "region": "moon-1"}))
        .await;
    assert_eq!(res.status(), 201);
}

#[tokio::test]
async fn outsiders_get_404_on_every_workspace_path() {
    let app = TestApp::spawn().await;
    let ada = app.signup("ada@acme.com", "Ada").await;
    let eve = app.signup("eve@evil.com", "Eve").await;
    let ws = ada.create_workspace("Acme").await;
    let eves = eve.create_workspace("Eve's").await;
    let id = &ws.id;
    let audit = app.audit_count(id).await;
    for path in [
        format!("/workspaces/{id}"),
        format!("/workspaces/{id}/config"),
        format!("/workspaces/{id}/config/k"),
        format!("/workspaces/{id}/members"),
        "/workspaces/ws_missing".to_owned(),
    ] {
        problem(eve.get(&path).await, 404, "not_a_member").await;
    }
    let writes = [
        (
            reqwest::Method::PATCH,
            format!("/workspaces/{id}"),
            json!({"name": "Mine"}),
        ),
        (
            reqwest::Method::POST,
            format!("/workspaces/{id}/archive"),
            json!({}),
        ),
        (
            reqwest::Method::DELETE,
            format!("/workspaces/{id}"),
            json!({"confirm": "Acme"}),
        ),
        (
            reqwest::Method::PUT,
            format!("/workspaces/{id}/config/k"),
            json!({"value": "v"}),
        ),
        (
            reqwest::Method::POST,
            format!("/workspaces/{id}/leave"),
            json!({}),
        ),
    ];
    for (method, path, body) in writes {
        problem(eve.send(method, &path, &body).await, 404, "not_a_member").await;
    }
    assert_eq!(app.audit_count(id).await, audit, "nothing written");
    let own: WorkspaceResponse = eve.get_ok(&format!("/workspaces/{}", eves.id)).await;
    assert_eq!(own.name, "Eve's");
}

#[tokio::test]
async fn deactivated_members_get_403_and_still_see_the_workspace_in_me() {
    let app = TestApp::spawn().await;
    let ada = app.signup("ada@acme.com", "Ada").await;
    let bob = app.signup("bob@acme.com", "Bob").await;
    let ws = ada.create_workspace("Acme").await;
    let bob_id = app.add_member(&ws.id, &bob, "editor").await;
    let res = ada
        .patch(
            &format!("/workspaces/{}/members/{bob_id}", ws.id),
            &json!({"status": "deactivated"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    problem(
        bob.get(&format!("/workspaces/{}", ws.id)).await,
        403,
        "inactive_member",
    )
    .await;
    let me: MeResponse = bob.get_ok("/me").await;
    assert_eq!(me.workspaces[0].status, "deactivated");
}

#[tokio::test]
async fn admins_change_settings_viewers_cannot_and_region_is_refused() {
    let app = TestApp::spawn().await;
    let ada = app.signup("ada@acme.com", "Ada").await;
    let vic = app.signup("vic@acme.com", "Vic").await;
    let ws = ada.create_workspace("Acme").await;
    app.add_member(&ws.id, &vic, "viewer").await;
    let path = format!("/workspaces/{}", ws.id);
    let res = ada
        .patch(
            &path,
            &json!({"name": "Acme Ltd", "colour": "#1A73E8", "countries": ["de", "IN"],
                    "logo_url": "https://acme.com/logo.png", "description": "# Hi", "domain": "Acme.io"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let w: WorkspaceResponse = res.json().await.unwrap();
    assert_eq!(w.name, "Acme Ltd");
    assert_eq!(w.colour.as_deref(), Some("#1a73e8"));
    assert_eq!(w.countries, ["DE", "IN"]);
    assert_eq!(w.domain.as_deref(), Some("acme.io"));
    // Every member's switcher shows the new look.
    let me: MeResponse = vic.get_ok("/me").await;
    let mine = me.workspaces.iter().find(|m| m.id == ws.id).unwrap();
    assert_eq!(mine.colour.as_deref(), Some("#1a73e8"));
    assert_eq!(mine.logo_url.as_deref(), Some("https://acme.com/logo.png"));
    let list: Page<MyWorkspaceResponse> = vic.get_ok("/workspaces").await;
    assert_eq!(list.items[0].colour.as_deref(), Some("#1a73e8"));
    let audit = app.audit_count(&ws.id).await;
    problem(
        ada.patch(&path, &json!({"region": "us-central-1"})).await,
        422,
        "region_immutable",
    )
    .await;
    problem(
        vic.patch(&path, &json!({"name": "Vic's"})).await,
        403,
        "not_allowed",
    )
    .await;
    let res = ada
        .patch(&path, &json!({"colour": "blue", "countries": ["Germany"]}))
        .await;
    let p = problem(res, 422, "validation").await;
    assert_eq!(p.errors.len(), 2);
    problem(
        ada.patch(&path, &json!({"name": 7})).await,
        422,
        "validation",
    )
    .await;
    problem(
        ada.patch(&path, &json!({"nickname": "x"})).await,
        422,
        "validation",
    )
    .await;
    let w: WorkspaceResponse = ada.get_ok(&path).await;
    assert_eq!(
        (w.name.as_str(), w.region.as_str()),
        ("Acme Ltd", "eu-central-1")
    );
    assert_eq!(
        app.audit_count(&ws.id).await,
        audit,
        "refusals write nothing"
    );
}

#[tokio::test]
async fn an_archived_workspace_is_read_only() {
    let app = TestApp::spawn().await;
    let ada = app.signup("ada@acme.com", "Ada").await;
    let vic = app.signup("vic@acme.com", "Vic").await;
    let ws = ada.create_workspace("Acme").await;
    app.add_member(&ws.id, &vic, "viewer").await;
    let path = format!("/workspaces/{}/archive", ws.id);
    problem(vic.post(&path, &json!({})).await, 403, "not_allowed").await;
    let res = ada
        .request(reqwest::Method::POST, &path)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let w: WorkspaceResponse = res.json().await.unwrap();
    assert_eq!(w.status, "archived");
    let res = ada
        .patch(&format!("/workspaces/{}", ws.id), &json!({"name": "B"}))
        .await;
    problem(res, 409, "workspace_archived").await;
    let me: MeResponse = ada.get_ok("/me").await;
    assert!(me.workspaces[0].archived);
}

#[tokio::test]
async fn only_the_owner_deletes_and_only_with_the_exact_name() {
    let app = TestApp::spawn().await;
    let ada = app.signup("ada@acme.com", "Ada").await;
    let adm = app.signup("adm@acme.com", "Adm").await;
    let ws = ada.create_workspace("Acme").await;
    app.add_member(&ws.id, &adm, "admin").await;
    let path = format!("/workspaces/{}", ws.id);
    let del = |who: &crate::support::Session, body: serde_json::Value| {
        let (who, path) = (who.clone(), path.clone());
        async move { who.send(reqwest::Method::DELETE, &path, &body).await }
    };
    problem(
        del(&adm, json!({"confirm": "Acme"})).await,
        403,
        "not_allowed",
    )
    .await;
    problem(
        del(&ada, json!({"confirm": "acme"})).await,
        422,
        "confirmation_mismatch",
    )
    .await;
    problem(del(&ada, json!({})).await, 422, "validation").await;
    assert_eq!(ada.get(&path).await.status(), 200);
    assert_eq!(del(&ada, json!({"confirm": "Acme"})).await.status(), 204);
    problem(ada.get(&path).await, 404, "not_a_member").await;
    let me: MeResponse = ada.get_ok("/me").await;
    assert!(me.workspaces.is_empty());
}

#[tokio::test]
async fn configuration_properties_are_read_by_members_and_written_by_admins() {
    let app = TestApp::spawn().await;
    let ada = app.signup("ada@acme.com", "Ada").await;
    let vic = app.signup("vic@acme.com", "Vic").await;
    let ws = ada.create_workspace("Acme").await;
    app.add_member(&ws.id, &vic, "viewer").await;
    let key = format!("/workspaces/{}/config/theme", ws.id);
    problem(vic.get(&key).await, 404, "not_found").await;
    let res = ada
        .send(reqwest::Method::PUT, &key, &json!({"value": "dark"}))
        .await;
    assert_eq!(res.status(), 200);
    let res = ada
        .send(reqwest::Method::PUT, &key, &json!({"value": "light"}))
        .await;
    assert_eq!(res.status(), 200);
    let c: ConfigResponse = vic.get_ok(&key).await;
    assert_eq!(c.value, "light");
    let all: Page<ConfigResponse> = vic.get_ok(&format!("/workspaces/{}/config", ws.id)).await;
    assert_eq!(all.items.len(), 1);
    problem(
        vic.send(reqwest::Method::PUT, &key, &json!({"value": "x"}))
            .await,
        403,
        "not_allowed",
    )
    .await;
    problem(vic.delete(&key).await, 403, "not_allowed").await;
    let bad = format!("/workspaces/{}/config/Bad%20Key", ws.id);
    problem(
        ada.send(reqwest::Method::PUT, &bad, &json!({"value": "x"}))
            .await,
        422,
        "validation",
    )
    .await;
    problem(
        ada.send(reqwest::Method::PUT, &key, &json!({"value": 1}))
            .await,
        422,
        "validation",
    )
    .await;
    assert_eq!(ada.delete(&key).await.status(), 204);
    problem(ada.delete(&key).await, 404, "not_found").await;
    assert_eq!(
        app.audit_count(&ws.id).await,
        4,
        "created, set, set, deleted"
    );
}
