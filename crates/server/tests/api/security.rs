//! Security checks across the whole API: security headers on every route,
//! CSRF and cross-site refusals on every unsafe method, the log-in rate
//! limit, log-in and invitation answers that reveal no account, and no
//! secret stored in the clear anywhere in the database.

use crate::support::{PASSWORD, Session, TestApp, problem};

use reqwest::Method;
use roster_server::Switch;
use roster_server::http::openapi::ROUTES;
use serde_json::{Value, json};
use std::time::{Duration, Instant};

/// `ROUTES` with every path parameter filled in: the workspace by `ws`, the
/// rest by ids that do not exist (the checks here come before any lookup).
fn concrete_routes(ws: &str) -> Vec<(Method, String)> {
    ROUTES
        .iter()
        .map(|(m, p)| {
            let method = Method::from_bytes(m.to_ascii_uppercase().as_bytes()).unwrap();
            let path = p
                .replace("{ws}", ws)
                .replace("{member}", "mem_nope")
                .replace("{id}", "inv_nope")
                .replace("{key}", "colour");
            (method, path)
        })
        .collect()
}

fn is_unsafe(m: &Method) -> bool {
    !matches!(*m, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn assert_security_headers(res: &reqwest::Response, what: &str, tls: bool) {
    let h = res.headers();
    let csp = h
        .get("content-security-policy")
        .unwrap_or_else(|| panic!("{what}: no CSP"))
        .to_str()
        .unwrap();
    let script_src = csp
        .split(';')
        .map(str::trim)
        .find(|d| d.starts_with("script-src"))
        .unwrap_or_else(|| panic!("{what}: no script-src in {csp}"));
    assert!(script_src.contains("'wasm-unsafe-eval'"), "{what}: {csp}");
    assert!(!script_src.contains("unsafe-inline"), "{what}: {csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
    assert_eq!(h["x-content-type-options"], "nosniff", "{what}");
    assert!(
        h.contains_key("referrer-policy"),
        "{what}: no Referrer-Policy"
    );
    let hsts = h.get("strict-transport-security");
    assert_eq!(hsts.is_some(), tls, "{what}: HSTS {hsts:?} with tls={tls}");
    if let Some(v) = hsts {
        assert!(v.to_str().unwrap().contains("max-age="), "{what}: {v:?}");
    }
}

async fn check_every_route(app: &TestApp, tls: bool) {
    let owner = app.signup("owner@acme.com", "Olga").await;
    let ws = owner.create_workspace("Acme").await.id;
    let mut routes = concrete_routes(&ws);
    // Log-out last: it ends the session the other requests use.
    routes.sort_by_key(|(_, p)| p.ends_with("/auth/logout"));
    for (method, path) in routes {
        let url = path.strip_prefix("/api/v1").unwrap_or(&path);
        let res = if path.starts_with("/api/v1") {
            owner
                .request(method.clone(), url)
                .json(&json!({}))
                .send()
                .await
                .unwrap()
        } else {
            app.get(&path).await
        };
        assert_security_headers(&res, &format!("{method} {path}"), tls);
    }
    for path in [
        "/",
        "/healthz",
        "/readyz",
        "/team",
        "/assets/missing-1234.js",
        "/api/v1/nope",
    ] {
        assert_security_headers(&app.get(path).await, path, tls);
    }
}

#[tokio::test]
async fn every_route_answers_with_the_security_headers() {
    check_every_route(&TestApp::spawn().await, false).await;
}

#[tokio::test]
async fn every_route_sends_hsts_behind_tls() {
    let app = TestApp::spawn_with(|c| {
        c.rate_limits = Switch::Off;
        c.public_url = Some("https://roster.example.com".to_owned());
    })
    .await;
    check_every_route(&app, true).await;
}

async fn assert_csrf_refusal(res: reqwest::Response, what: &str) {
    assert_eq!(res.status(), 403, "{what}");
    let body: Value = res.json().await.unwrap();
    let kind = body["type"].as_str().unwrap_or_default();
    assert!(kind.ends_with("csrf"), "{what}: problem type {kind}");
}

#[tokio::test]
async fn every_unsafe_method_refuses_a_missing_or_wrong_csrf_token_and_cross_site_requests() {
    let app = TestApp::spawn().await;
    let owner = app.signup("owner@acme.com", "Olga").await;
    let ws = owner.create_workspace("Acme").await.id;
    let audit = app.audit_count(&ws).await;
    let mut checked = 0;
    for (method, path) in concrete_routes(&ws)
        .into_iter()
        .filter(|(m, _)| is_unsafe(m))
    {
        let what = format!("{method} {path}");
        let url = format!("{}{path}", app.base);
        let body = json!({"name": "Hacked", "email": "x@acme.com", "password": PASSWORD});
        let c = &owner.client;
        if !path.starts_with("/api/v1/auth/signup") && !path.starts_with("/api/v1/auth/login") {
            let missing = c
                .request(method.clone(), &url)
                .json(&body)
                .send()
                .await
                .unwrap();
            assert_csrf_refusal(missing, &format!("{what} without a token")).await;
            let wrong = c
                .request(method.clone(), &url)
                .header("x-csrf-token", "forged");
            let wrong = wrong.json(&body).send().await.unwrap();
            assert_csrf_refusal(wrong, &format!("{what} with a wrong token")).await;
        }
        let right = || {
            c.request(method.clone(), &url)
                .header("x-csrf-token", &owner.csrf)
        };
        let origin = right().header("origin", "https://evil.example").json(&body);
        assert_csrf_refusal(origin.send().await.unwrap(), &format!("{what} from evil")).await;
        let fetch = right().header("sec-fetch-site", "cross-site").json(&body);
        assert_csrf_refusal(fetch.send().await.unwrap(), &format!("{what} cross-site")).await;
        checked += 1;
    }
    assert!(checked >= 15, "only {checked} unsafe routes");
    // Nothing was changed by the refused requests.
    assert_eq!(app.audit_count(&ws).await, audit);
    let w: Value = owner.get_ok(&format!("/workspaces/{ws}")).await;
    assert_eq!(w["name"], "Acme");
    // The same requests from our own origin go through.
    let res = owner
        .request(Method::PUT, "/me/last-workspace")
        .header("origin", &app.base)
        .header("sec-fetch-site", "same-origin")
        .json(&json!({"workspace_id": ws}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let res = app
        .raw(Method::POST, "/auth/login")
        .header("origin", &app.base)
        .json(&json!({"email": "owner@acme.com", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
}

#[tokio::test]
async fn the_login_rate_limit_answers_429_with_retry_after() {
    let app = TestApp::spawn_with(|c| c.rate_limits = Switch::On).await;
    app.signup("rl@acme.com", "RL").await;
    let login = async |password: &str| {
        let body = json!({"email": "rl@acme.com", "password": password});
        app.post_anon("/auth/login", &body).await
    };
    for _ in 0..roster_server::auth::rate_limit::MAX_FAILURES {
        problem(login("wrong password").await, 401, "invalid_credentials").await;
    }
    for password in ["wrong password", PASSWORD] {
        let res = login(password).await;
        let wait: u64 = res.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!(wait > 0 && wait <= 15 * 60, "Retry-After {wait}");
        problem(res, 429, "rate_limited").await;
    }
}

async fn accept_token(who: &Session, token: &str) -> reqwest::Response {
    who.post("/invitations/accept", &json!({ "token": token }))
        .await
}

/// Status and body without the request id (which differs on every answer).
async fn answer(res: reqwest::Response) -> (u16, Value) {
    let status = res.status().as_u16();
    let mut body: Value = res.json().await.unwrap();
    body.as_object_mut().map(|o| o.remove("request_id"));
    (status, body)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

#[tokio::test]
async fn log_in_answers_alike_and_as_slowly_for_an_unknown_email_and_a_wrong_password() {
    let app = TestApp::spawn().await;
    app.signup("known@acme.com", "Known").await;
    let try_login = async |email: &str| {
        let body = json!({"email": email, "password": "not it at all"});
        let started = Instant::now();
        let res = app.post_anon("/auth/login", &body).await;
        let took = started.elapsed();
        (answer(res).await, took)
    };
    let (first_known, _) = try_login("known@acme.com").await;
    let (first_unknown, _) = try_login("nobody@acme.com").await;
    assert_eq!(first_known.0, 401);
    assert_eq!(
        first_known, first_unknown,
        "the answers tell the emails apart"
    );
    // Up to three measurements: the other tests of this binary hash passwords
    // on the same cores, and one burst of theirs can skew one measurement.
    // Without a hash for unknown emails every measurement fails.
    let mut seen = Vec::new();
    for _ in 0..3 {
        let (mut known, mut unknown) = (Vec::new(), Vec::new());
        // Interleaved, the order alternating, so load from elsewhere and any
        // first-in-a-pair cost fall on both alike.
        for i in 0..16 {
            let order = [i % 2 == 0, i % 2 != 0];
            for is_known in order {
                let email = ["nobody@acme.com", "known@acme.com"][usize::from(is_known)];
                let (a, t) = try_login(email).await;
                assert_eq!(a, first_known, "{email}");
                [&mut unknown, &mut known][usize::from(is_known)].push(t);
            }
        }
        let (k, u) = (median(known), median(unknown));
        let gap = k.abs_diff(u);
        eprintln!("log-in medians: wrong password {k:?}, unknown email {u:?}, gap {gap:?}");
        // A missing hash shows as a gap of the whole hashing time (tens of ms).
        if gap <= Duration::from_millis(5).max(k.min(u) / 5) {
            return;
        }
        seen.push((k, u, gap));
    }
    panic!("the timing tells the emails apart: (wrong password, unknown email, gap) {seen:?}");
}

#[tokio::test]
async fn the_invitee_side_reveals_nothing_about_who_has_an_account() {
    let app = TestApp::spawn().await;
    let owner = app.signup("owner@acme.com", "Olga").await;
    let tom = app.signup("tom@acme.com", "Tom").await;
    let eve = app.signup("eve@acme.com", "Eve").await;
    let ws = owner.create_workspace("Acme").await.id;
    let res = owner
        .post(
            &format!("/workspaces/{ws}/invitations"),
            &json!({"invites": [
                {"email": "tom@acme.com", "role": "viewer"},
                {"email": "ghost@acme.com", "role": "viewer"},
            ]}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let results: Value = res.json().await.unwrap();
    let rows = results["results"].as_array().unwrap();
    // The inviter learns nothing either: same status and message for both.
    assert_eq!(
        (&rows[0]["status"], &rows[0]["message"]),
        (&rows[1]["status"], &rows[1]["message"])
    );
    let ids: Vec<&str> = rows
        .iter()
        .map(|r| r["invitation_id"].as_str().unwrap())
        .collect();
    let tom_token = app.latest_invite_token("tom@acme.com").await;
    let ghost_token = app.latest_invite_token("ghost@acme.com").await;
    let mine: Value = eve.get_ok("/invitations").await;
    assert_eq!(mine["items"], json!([]), "eve sees others' invitations");
    for verb in ["accept", "decline"] {
        let with_account = answer(
            eve.post(&format!("/invitations/{}/{verb}", ids[0]), &json!({}))
                .await,
        )
        .await;
        let without = answer(
            eve.post(&format!("/invitations/{}/{verb}", ids[1]), &json!({}))
                .await,
        )
        .await;
        let made_up = answer(
            eve.post(&format!("/invitations/inv_nope/{verb}"), &json!({}))
                .await,
        )
        .await;
        assert_eq!(with_account.0, 404, "{verb}");
        assert_eq!(with_account, without, "{verb}");
        assert_eq!(with_account, made_up, "{verb}");
    }
    let with_account = answer(accept_token(&eve, &tom_token).await).await;
    let without = answer(accept_token(&eve, &ghost_token).await).await;
    assert_eq!(
        with_account, without,
        "a held link tells whether its invitee has an account"
    );
    let made_up = answer(accept_token(&eve, "nope").await).await;
    assert_eq!(made_up.0, 404);
    // Nothing above joined anyone.
    let tom_view = tom.get(&format!("/workspaces/{ws}/members")).await;
    assert_eq!(tom_view.status(), 404);
}

mod stored;

/// The sign-up budget (per IP address) and the invitation budget (per
/// workspace) answer 429 with `Retry-After` once used up, and a refused
/// request creates nothing.
#[tokio::test]
async fn sign_ups_and_invitations_have_hourly_budgets() {
    let app = TestApp::spawn_with(|c| {
        c.rate_limits = Switch::On;
        c.rate_limit_signups = 2;
        c.rate_limit_invitations = 3;
    })
    .await;
    let owner = app.signup("owner@budget.com", "Olga").await;
    app.signup("second@budget.com", "Sam").await;
    let third = json!({"email": "third@budget.com", "password": PASSWORD, "name": "Tia"});
    let res = app.post_anon("/auth/signup", &third).await;
    let wait: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=3600).contains(&wait), "Retry-After {wait}");
    problem(res, 429, "rate_limited").await;
    let login = json!({"email": "third@budget.com", "password": PASSWORD});
    problem(
        app.post_anon("/auth/login", &login).await,
        401,
        "invalid_credentials",
    )
    .await;

    let ws = owner.create_workspace("Budget").await.id;
    let path = format!("/workspaces/{ws}/invitations");
    let batch = |names: &[&str]| {
        let invites: Vec<_> = names
            .iter()
            .map(|n| json!({"email": format!("{n}@budget.com"), "role": "viewer"}))
            .collect();
        json!({ "invites": invites })
    };
    assert_eq!(owner.post(&path, &batch(&["a", "b"])).await.status(), 200);
    let audit = app.audit_count(&ws).await;
    let res = owner.post(&path, &batch(&["c", "d"])).await;
    assert!(res.headers().contains_key("retry-after"));
    problem(res, 429, "rate_limited").await;
    assert_eq!(app.audit_count(&ws).await, audit, "nothing written");
    assert_eq!(
        owner.post(&path, &batch(&["c"])).await.status(),
        200,
        "what fits still goes"
    );
}
