//! Bad input on every endpoint that takes a body: malformed JSON (400), a
//! body not sent as JSON (400), the wrong types or an unknown field (422),
//! an oversized body (413) — each a problem+json, and nothing written.

use crate::support::{Session, TestApp, problem};
use reqwest::Method;
use serde_json::{Value, json};

/// One endpoint with a body: a good body to spoil, and a wrongly typed one.
struct Endpoint {
    method: Method,
    path: String,
    good: Value,
    wrong_types: Value,
}

struct World {
    app: TestApp,
    owner: Session,
    invitee: Session,
    ws: String,
    endpoints: Vec<Endpoint>,
}

async fn world() -> World {
    let app = TestApp::spawn().await;
    let owner = app.signup("owner@acme.com", "Olga").await;
    let admin = app.signup("admin@acme.com", "Adam").await;
    let ws = owner.create_workspace("Acme").await.id;
    let other = owner.create_workspace("Other").await.id;
    let admin_id = app.add_member(&ws, &admin, "admin").await;
    let res = owner
        .post(
            &format!("/workspaces/{ws}/invitations"),
            &json!({"invites": [{"email": "nia@acme.com", "role": "viewer"}]}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let invitee = app.signup("nia@acme.com", "Nia").await;
    let w = format!("/workspaces/{ws}");
    let e = |method, path: &str, good, wrong_types| Endpoint {
        method,
        path: path.to_owned(),
        good,
        wrong_types,
    };
    let endpoints = vec![
        e(
            Method::POST,
            "/auth/signup",
            json!({"email": "new@acme.com", "password": "long enough pass", "name": "N"}),
            json!({"email": 7, "password": ["x"], "name": null}),
        ),
        e(
            Method::POST,
            "/auth/login",
            json!({"email": "owner@acme.com", "password": "wrong password"}),
            json!({"email": true, "password": 1}),
        ),
        e(
            Method::PUT,
            "/me/last-workspace",
            json!({"workspace_id": other}),
            json!({"workspace_id": 12}),
        ),
        e(
            Method::POST,
            "/workspaces",
            json!({"name": "Fresh", "region": "eu-central-1"}),
            json!({"name": 5, "region": {}}),
        ),
        e(
            Method::PATCH,
            &w,
            json!({"name": "Renamed"}),
            json!({"name": 1, "countries": "DE"}),
        ),
        e(
            Method::DELETE,
            &w,
            json!({"confirm": "Acme"}),
            json!({"confirm": true}),
        ),
        e(
            Method::PUT,
            &format!("{w}/config/theme"),
            json!({"value": "dark"}),
            json!({"value": 3}),
        ),
        e(
            Method::PATCH,
            &format!("{w}/members/{admin_id}"),
            json!({"role": "editor"}),
            json!({"role": 2, "status": "sleeping"}),
        ),
        e(
            Method::POST,
            &format!("{w}/ownership-transfer"),
            json!({"member_id": admin_id, "confirm": true}),
            json!({"member_id": admin_id, "confirm": "yes"}),
        ),
        e(
            Method::POST,
            &format!("{w}/invitations"),
            json!({"invites": [{"email": "zed@acme.com", "role": "viewer"}]}),
            json!({"invites": {"email": "zed@acme.com"}}),
        ),
        e(
            Method::POST,
            "/invitations/accept",
            json!({"token": "not-a-real-token"}),
            json!({"token": 42}),
        ),
        e(
            Method::POST,
            "/authorize",
            json!({"workspace_id": ws, "action": "content:read"}),
            json!({"workspace_id": 1, "action": ["content:read"]}),
        ),
        e(
            Method::POST,
            "/authorize:batch",
            json!({"checks": [{"workspace_id": ws, "action": "content:read"}]}),
            json!({"checks": {"workspace_id": ws}}),
        ),
    ];
    World {
        app,
        owner,
        invitee,
        ws,
        endpoints,
    }
}

/// Everything the requests could have changed, as text to compare.
async fn state(w: &World) -> Vec<String> {
    let ws = &w.ws;
    let mut seen = vec![w.app.audit_count(ws).await.to_string()];
    for path in [
        "/me".to_owned(),
        "/workspaces".to_owned(),
        format!("/workspaces/{ws}"),
        format!("/workspaces/{ws}/config"),
        format!("/workspaces/{ws}/members?limit=200"),
        format!("/workspaces/{ws}/invitations"),
    ] {
        let mut me: Value = w.owner.get_ok(&path).await;
        if let Some(m) = me.as_object_mut() {
            m.remove("csrf_token");
        }
        seen.push(format!("{path}: {me}"));
    }
    let mine: Value = w.invitee.get_ok("/invitations").await;
    seen.push(mine.to_string());
    let login = w
        .app
        .post_anon(
            "/auth/login",
            &json!({"email": "new@acme.com", "password": "long enough pass"}),
        )
        .await;
    seen.push(format!("login new@acme.com: {}", login.status()));
    seen
}

/// Sends raw bytes with a content type as the owner (or the invitee for the
/// invitee's own endpoint).
async fn send_raw(w: &World, e: &Endpoint, media: &str, body: Vec<u8>) -> reqwest::Response {
    let who = if e.path.starts_with("/invitations") {
        &w.invitee
    } else {
        &w.owner
    };
    who.request(e.method.clone(), &e.path)
        .header("content-type", media)
        .body(body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn malformed_json_and_non_json_bodies_are_400_and_write_nothing() {
    let w = world().await;
    let before = state(&w).await;
    for e in &w.endpoints {
        let what = format!("{} {}", e.method, e.path);
        for broken in [&b"{\"name\": "[..], b"not json", b"", b"{\"a\":1}}"] {
            let res = send_raw(&w, e, "application/json", broken.to_vec()).await;
            let p = problem(res, 400, "bad_request").await;
            assert!(!p.detail.is_empty(), "{what}");
        }
        let res = send_raw(&w, e, "text/plain", e.good.to_string().into_bytes()).await;
        problem(res, 400, "bad_request").await;
        let res = send_raw(&w, e, "application/x-www-form-urlencoded", b"a=1".to_vec()).await;
        problem(res, 400, "bad_request").await;
    }
    assert_eq!(state(&w).await, before, "nothing written");
}

#[tokio::test]
async fn wrong_types_and_unknown_fields_are_422_naming_the_field_and_write_nothing() {
    let w = world().await;
    let before = state(&w).await;
    for e in &w.endpoints {
        let what = format!("{} {}", e.method, e.path);
        let res = send_raw(&w, e, "application/json", e.wrong_types.to_string().into()).await;
        let p = problem(res, 422, "validation").await;
        assert!(!p.errors.is_empty(), "{what}: errors name the field");
        // `[null, null]`: serde alone would read a struct from an array of its fields.
        for not_an_object in [json!([1, 2]), json!([null, null]), json!("text"), json!(17)] {
            let res = send_raw(&w, e, "application/json", not_an_object.to_string().into()).await;
            problem(res, 422, "validation").await;
        }
        let mut spoiled = e.good.clone();
        spoiled["is_admin"] = json!(true);
        let res = send_raw(&w, e, "application/json", spoiled.to_string().into()).await;
        let p = problem(res, 422, "validation").await;
        assert!(
            p.errors
                .iter()
                .any(|f| f.message.contains("is_admin") || f.field.contains("is_admin")),
            "{what}: the unknown field is named: {p:?}"
        );
    }
    assert_eq!(state(&w).await, before, "nothing written");
}

#[tokio::test]
async fn oversized_bodies_are_413_and_write_nothing() {
    let w = world().await;
    let before = state(&w).await;
    let filler = "x".repeat(80 * 1024);
    for e in &w.endpoints {
        let mut big = e.good.clone();
        big["padding"] = json!(filler);
        let res = send_raw(&w, e, "application/json", big.to_string().into()).await;
        problem(res, 413, "payload_too_large").await;
    }
    let mut batch = Vec::new();
    for i in 0..2_000 {
        batch.push(json!({"email": format!("person{i}@acme.com"), "role": "viewer"}));
    }
    let res = w
        .owner
        .post(
            &format!("/workspaces/{}/invitations", w.ws),
            &json!({"invites": batch}),
        )
        .await;
    problem(res, 413, "payload_too_large").await;
    assert_eq!(state(&w).await, before, "nothing written");
}

#[tokio::test]
async fn invalid_values_in_well_formed_bodies_are_refused_and_write_nothing() {
    let w = world().await;
    let before = state(&w).await;
    let ws = &w.ws;
    let cases = [
        (
            Method::POST,
            "/workspaces".to_owned(),
            json!({"name": "", "region": "eu-central-1"}),
        ),
        (
            Method::PATCH,
            format!("/workspaces/{ws}"),
            json!({"name": "   "}),
        ),
        (
            Method::PATCH,
            format!("/workspaces/{ws}"),
            json!({"colour": "not a colour"}),
        ),
        (
            Method::PATCH,
            format!("/workspaces/{ws}"),
            json!({"countries": ["Narnia"]}),
        ),
        (
            Method::PUT,
            format!("/workspaces/{ws}/config/Bad Key!"),
            json!({"value": "v"}),
        ),
    ];
    for (method, path, body) in cases {
        let what = format!("{method} {path} {body}");
        let res = w.owner.send(method, &path, &body).await;
        assert!(
            [400, 422].contains(&res.status().as_u16()),
            "{what}: {}",
            res.status()
        );
        assert_eq!(
            res.headers()["content-type"],
            "application/problem+json",
            "{what}"
        );
    }
    assert_eq!(state(&w).await, before, "nothing written");
}

/// NUL (U+0000) is text no Roster value may hold and PostgreSQL cannot
/// store: refused in every body field (422 naming it), in the query and the
/// path (400), before anything reaches the database.
#[tokio::test]
async fn a_nul_character_anywhere_is_refused_and_writes_nothing() {
    let w = world().await;
    let before = state(&w).await;
    for e in &w.endpoints {
        let mut body = e.good.clone();
        let field = match body.as_object_mut().and_then(|o| {
            o.iter_mut()
                .find(|(_, v)| v.is_string())
                .map(|(k, v)| (k.clone(), v))
        }) {
            Some((key, value)) => {
                *value = json!(format!("a\u{0}{}", value.as_str().unwrap_or_default()));
                key
            }
            None => continue,
        };
        let what = format!("{} {} {body}", e.method, e.path);
        let p = problem(
            w.owner.send(e.method.clone(), &e.path, &body).await,
            422,
            "validation",
        )
        .await;
        assert_eq!(p.errors[0].field, field, "{what}");
        assert!(p.errors[0].message.contains("NUL"), "{what}: {p:?}");
    }
    let ws = &w.ws;
    for path in [
        format!("/workspaces/{ws}/members?q=a%00b"),
        format!("/workspaces/{ws}/audit?actor=%00"),
        "/workspaces/%00/members".to_owned(),
    ] {
        problem(w.owner.get(&path).await, 400, "bad_request").await;
    }
    let batch = json!({"checks": [{"workspace_id": ws, "action": "content:read"},
                                  {"workspace_id": "ws\u{0}", "action": "content:read"}]});
    let p = problem(
        w.owner.post("/authorize:batch", &batch).await,
        422,
        "validation",
    )
    .await;
    assert_eq!(p.errors[0].field, "checks[1].workspace_id");
    assert_eq!(state(&w).await, before, "nothing written");
}
