//! Sign-up, log-in, log-out, `GET /me`, the remembered workspace, sessions
//! and their cookie, CSRF and the log-in rate limit.

use crate::support::{PASSWORD, TestApp, problem};
use roster_api::{MeResponse, SessionResponse};
use serde_json::json;

#[tokio::test]
async fn signup_signs_in_with_a_safe_cookie_and_me_shows_the_user() {
    let app = TestApp::spawn().await;
    let res = app
        .post_anon(
            "/auth/signup",
            &json!({"email": " Ada@Example.COM ", "password": PASSWORD, "name": "Ada"}),
        )
        .await;
    assert_eq!(res.status(), 201);
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("roster_session="), "{cookie}");
    for part in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(part), "{cookie}");
    }
    assert!(!cookie.contains("Secure"), "no TLS in tests: {cookie}");
    let token = cookie["roster_session=".len()..].split(';').next().unwrap();
    assert!(token.len() >= 22, "at least 128 bits");
    let body: SessionResponse = res.json().await.unwrap();
    assert_eq!(body.user.email, "ada@example.com");
    let me: MeResponse = app.get("/api/v1/me").await.json().await.unwrap();
    assert_eq!(me.user.id, body.user.id);
    assert_eq!(me.csrf_token, body.csrf_token);
    assert!(me.workspaces.is_empty() && me.join_suggestions.is_empty());
    assert_eq!(me.last_workspace_id, None);
}

#[tokio::test]
async fn the_session_token_is_stored_only_as_a_hash() {
    let app = TestApp::spawn().await;
    let token = signup_token(&app, "h@example.com", "H").await;
    let mut tx = app.db.read().await.unwrap();
    let by_token = roster_server::store::sessions::find_session(&mut tx, &token)
        .await
        .unwrap();
    let by_hash = roster_server::store::sessions::find_session(
        &mut tx,
        &roster_server::auth::hash_token(&token),
    )
    .await
    .unwrap();
    assert!(by_token.is_none() && by_hash.is_some());
}

/// Signs up through the app's own cookie jar; returns the session token.
async fn signup_token(app: &TestApp, email: &str, name: &str) -> String {
    let res = app
        .post_anon(
            "/auth/signup",
            &json!({"email": email, "password": PASSWORD, "name": name}),
        )
        .await;
    let cookie = res.headers()["set-cookie"].to_str().unwrap();
    let token = cookie["roster_session=".len()..].split(';').next().unwrap();
    token.to_owned()
}

#[tokio::test]
async fn signup_refuses_bad_fields_with_field_errors_and_creates_nothing() {
    let app = TestApp::spawn().await;
    let res = app
        .post_anon(
            "/auth/signup",
            &json!({"email": "not-an-email", "password": "short", "name": "  "}),
        )
        .await;
    let p = problem(res, 422, "validation").await;
    let fields: Vec<_> = p.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["email", "password", "name"]);
    let res = app
        .post_anon(
            "/auth/login",
            &json!({"email": "not-an-email", "password": "short"}),
        )
        .await;
    problem(res, 401, "invalid_credentials").await;
}

#[tokio::test]
async fn signup_with_a_taken_email_in_any_case_is_a_conflict() {
    let app = TestApp::spawn().await;
    app.signup("dup@example.com", "First").await;
    let res = app
        .post_anon(
            "/auth/signup",
            &json!({"email": "DUP@example.com", "password": PASSWORD, "name": "Second"}),
        )
        .await;
    problem(res, 409, "email_taken").await;
}

#[tokio::test]
async fn signup_refuses_malformed_json_wrong_types_unknown_fields_and_other_media_types() {
    let app = TestApp::spawn().await;
    let res = app
        .raw(reqwest::Method::POST, "/auth/signup")
        .header("content-type", "application/json")
        .body("{\"email\": ")
        .send()
        .await
        .unwrap();
    problem(res, 400, "bad_request").await;
    let res = app
        .raw(reqwest::Method::POST, "/auth/signup")
        .header("content-type", "text/plain")
        .body(r#"{"email":"a@example.com","password":"12345678","name":"A"}"#)
        .send()
        .await
        .unwrap();
    problem(res, 400, "bad_request").await;
    let res = app
        .post_anon(
            "/auth/signup",
            &json!({"email": 5, "password": PASSWORD, "name": "A"}),
        )
        .await;
    let p = problem(res, 422, "validation").await;
    assert_eq!(p.errors[0].field, "email");
    let res = app
        .post_anon(
            "/auth/signup",
            &json!({"email": "a@example.com", "password": PASSWORD, "name": "A", "admin": true}),
        )
        .await;
    let p = problem(res, 422, "validation").await;
    assert_eq!(p.errors[0].field, "admin");
    let res = app
        .raw(reqwest::Method::POST, "/auth/signup")
        .header("content-type", "application/json")
        .body(vec![b' '; 100 * 1024])
        .send()
        .await
        .unwrap();
    problem(res, 413, "payload_too_large").await;
    let res = app
        .post_anon(
            "/auth/login",
            &json!({"email": "a@example.com", "password": PASSWORD}),
        )
        .await;
    problem(res, 401, "invalid_credentials").await;
}

#[tokio::test]
async fn signup_and_login_refuse_cross_site_requests() {
    let app = TestApp::spawn().await;
    let body = json!({"email": "x@example.com", "password": PASSWORD, "name": "X"});
    let res = app
        .raw(reqwest::Method::POST, "/auth/signup")
        .header("origin", "https://evil.example")
        .json(&body)
        .send()
        .await
        .unwrap();
    let p = problem(res, 403, "csrf").await;
    assert!(p.kind.ends_with("csrf"));
    let res = app
        .raw(reqwest::Method::POST, "/auth/login")
        .header("sec-fetch-site", "cross-site")
        .json(&body)
        .send()
        .await
        .unwrap();
    problem(res, 403, "csrf").await;
    let same = app.base.clone();
    let res = app
        .raw(reqwest::Method::POST, "/auth/signup")
        .header("origin", same)
        .header("sec-fetch-site", "same-origin")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
}

#[tokio::test]
async fn login_answers_the_same_for_an_unknown_email_and_a_wrong_password() {
    let app = TestApp::spawn().await;
    app.signup("known@example.com", "Known").await;
    let wrong = app
        .post_anon(
            "/auth/login",
            &json!({"email": "known@example.com", "password": "wrong password"}),
        )
        .await;
    let unknown = app
        .post_anon(
            "/auth/login",
            &json!({"email": "nobody@example.com", "password": "wrong password"}),
        )
        .await;
    let a = problem(wrong, 401, "invalid_credentials").await;
    let b = problem(unknown, 401, "invalid_credentials").await;
    assert_eq!((a.title, a.detail), (b.title, b.detail));
    let ok = app
        .post_anon(
            "/auth/login",
            &json!({"email": "KNOWN@example.com", "password": PASSWORD}),
        )
        .await;
    assert_eq!(ok.status(), 200);
    let me: MeResponse = app.get("/api/v1/me").await.json().await.unwrap();
    assert_eq!(me.user.email, "known@example.com");
}

#[tokio::test]
async fn repeated_failed_logins_are_rate_limited_with_retry_after() {
    let app = TestApp::spawn_with(|_| {}).await;
    app.signup("rl@example.com", "RL").await;
    let bad = json!({"email": "rl@example.com", "password": "wrong password"});
    for _ in 0..5 {
        let res = app.post_anon("/auth/login", &bad).await;
        problem(res, 401, "invalid_credentials").await;
    }
    let res = app
        .post_anon(
            "/auth/login",
            &json!({"email": "rl@example.com", "password": PASSWORD}),
        )
        .await;
    assert_eq!(res.status(), 429);
    let retry: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry > 0 && retry <= 15 * 60);
    problem(res, 429, "rate_limited").await;
}

#[tokio::test]
async fn logout_ends_the_session() {
    let app = TestApp::spawn().await;
    let ada = app.signup("out@example.com", "Out").await;
    let res = ada
        .request(reqwest::Method::POST, "/auth/logout")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    problem(ada.get("/me").await, 401, "unauthenticated").await;
}

#[tokio::test]
async fn unsafe_requests_need_the_sessions_csrf_token() {
    let app = TestApp::spawn().await;
    let ada = app.signup("csrf@example.com", "Csrf").await;
    let body = json!({"name": "W", "region": "eu-central-1"});
    let url = format!("{}/api/v1/workspaces", ada.base);
    let res = ada.client.post(&url).json(&body).send().await.unwrap();
    let p = problem(res, 403, "csrf").await;
    assert!(p.kind.ends_with("csrf"));
    let res = ada
        .client
        .post(&url)
        .header("x-csrf-token", "forged")
        .json(&body)
        .send()
        .await
        .unwrap();
    problem(res, 403, "csrf").await;
    let res = ada
        .client
        .post(format!("{}/api/v1/auth/logout", ada.base))
        .send()
        .await
        .unwrap();
    problem(res, 403, "csrf").await;
    let me: MeResponse = ada.get_ok("/me").await;
    assert!(me.workspaces.is_empty(), "nothing was created");
}

#[tokio::test]
async fn me_needs_a_session() {
    let app = TestApp::spawn().await;
    problem(app.get("/api/v1/me").await, 401, "unauthenticated").await;
    let res = app
        .raw(reqwest::Method::GET, "/me")
        .header("cookie", "roster_session=made-up")
        .send()
        .await
        .unwrap();
    problem(res, 401, "unauthenticated").await;
}

#[tokio::test]
async fn the_last_workspace_is_remembered_only_for_ones_own_workspaces() {
    let app = TestApp::spawn().await;
    let ada = app.signup("lw@acme.com", "Ada").await;
    let bob = app.signup("lw@other.com", "Bob").await;
    let a1 = ada.create_workspace("One").await;
    let a2 = ada.create_workspace("Two").await;
    let b1 = bob.create_workspace("Bob's").await;
    let me: MeResponse = ada.get_ok("/me").await;
    assert_eq!(me.last_workspace_id.as_deref(), Some(a2.id.as_str()));
    let res = ada
        .send(
            reqwest::Method::PUT,
            "/me/last-workspace",
            &json!({"workspace_id": a1.id}),
        )
        .await;
    assert_eq!(res.status(), 204);
    let res = ada
        .send(
            reqwest::Method::PUT,
            "/me/last-workspace",
            &json!({"workspace_id": b1.id}),
        )
        .await;
    problem(res, 404, "not_a_member").await;
    let me: MeResponse = ada.get_ok("/me").await;
    assert_eq!(me.last_workspace_id.as_deref(), Some(a1.id.as_str()));
    let names: Vec<_> = me
        .workspaces
        .iter()
        .map(|w| (w.name.as_str(), w.role.as_str(), w.status.as_str()))
        .collect();
    assert_eq!(
        names,
        [("One", "owner", "active"), ("Two", "owner", "active")]
    );
}

#[tokio::test]
async fn a_session_ended_elsewhere_is_refused_once_read_again() {
    let (app, clock) = TestApp::spawn_with_clock().await;
    let token = signup_token(&app, "gone@example.com", "Gone").await;
    assert_eq!(app.get("/api/v1/me").await.status(), 200);
    // Another instance logs out: the row goes, this instance's copy stays.
    let mut tx = app.db.write().await.unwrap();
    let hash = roster_server::auth::hash_token(&token);
    roster_server::store::sessions::delete_session(&mut tx, &hash)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    clock.advance(chrono::Duration::milliseconds(100));
    assert_eq!(app.get("/api/v1/me").await.status(), 200, "trusted for now");
    // Past half a second one request reads it again and finds it gone; the
    // copy goes with it, so the next request is refused too.
    clock.advance(chrono::Duration::milliseconds(500));
    problem(app.get("/api/v1/me").await, 401, "unauthenticated").await;
    problem(app.get("/api/v1/me").await, 401, "unauthenticated").await;
}

#[tokio::test]
async fn a_session_expires_after_thirty_days() {
    let (app, clock) = TestApp::spawn_with_clock().await;
    let ada = app.signup("exp@example.com", "Exp").await;
    clock.advance(chrono::Duration::days(29));
    assert_eq!(ada.get("/me").await.status(), 200);
    clock.advance(chrono::Duration::days(2));
    problem(ada.get("/me").await, 401, "unauthenticated").await;
}
