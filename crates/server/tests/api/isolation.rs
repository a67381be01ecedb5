//! Tenant isolation: the owner of workspace A gets 404 on every path and
//! method the router mounts under workspace B, cannot reach B's members or
//! invitations through A's paths, and never sees B's data in A's answers
//! (a scan of every read the router mounts, with searches and exports).

use crate::support::{Session, TestApp, problem};
use reqwest::Method;
use roster_api::{InvitationLinkResponse, InvitationResponse, MemberResponse, Page};
use serde_json::{Value, json};

/// Two workspaces with members, invitations and configuration each.
struct Tenants {
    app: TestApp,
    alice: Session,
    a: String,
    bob: Session,
    b: String,
    b_members: Vec<MemberResponse>,
    b_invitation: String,
}

async fn tenants() -> Tenants {
    let app = TestApp::spawn().await;
    let alice = app.signup("alice@alpha.com", "Alice").await;
    let bob = app.signup("bob@bravo.com", "Bob").await;
    let ben = app.signup("ben@bravo.com", "Ben Bravoson").await;
    let a = alice.create_workspace("Alpha").await.id;
    let b = bob.create_workspace("Bravo Hidden").await.id;
    app.add_member(&b, &ben, "admin").await;
    for (who, ws, email, value) in [
        (&alice, &a, "ann@alpha.com", "alpha-value"),
        (&bob, &b, "ivy@bravo.com", "bravo-secret-value"),
    ] {
        let res = who
            .post(
                &format!("/workspaces/{ws}/invitations"),
                &json!({"invites": [{"email": email, "role": "editor"}]}),
            )
            .await;
        assert_eq!(res.status(), 200);
        let res = who
            .send(
                Method::PUT,
                &format!("/workspaces/{ws}/config/theme"),
                &json!({"value": value}),
            )
            .await;
        assert_eq!(res.status(), 200);
    }
    let b_members = bob.members(&b).await;
    let invites: Page<InvitationResponse> =
        bob.get_ok(&format!("/workspaces/{b}/invitations")).await;
    Tenants {
        b_invitation: invites.items[0].id.clone(),
        app,
        alice,
        a,
        bob,
        b,
        b_members,
    }
}

/// Every route under `/workspaces/{ws}/…` with each of its methods, aimed
/// at `ws` with real ids of that workspace's member and invitation.
fn workspace_routes(
    ws: &str,
    member: &str,
    admin: &str,
    inv: &str,
) -> Vec<(Method, String, Value)> {
    let w = format!("/workspaces/{ws}");
    vec![
        (Method::GET, w.clone(), json!(null)),
        (Method::PATCH, w.clone(), json!({"name": "Taken"})),
        (
            Method::DELETE,
            w.clone(),
            json!({"confirm": "Bravo Hidden"}),
        ),
        (Method::POST, format!("{w}/archive"), json!({})),
        (Method::GET, format!("{w}/config"), json!(null)),
        (Method::GET, format!("{w}/config/theme"), json!(null)),
        (
            Method::PUT,
            format!("{w}/config/theme"),
            json!({"value": "x"}),
        ),
        (Method::DELETE, format!("{w}/config/theme"), json!(null)),
        (Method::GET, format!("{w}/members"), json!(null)),
        (Method::GET, format!("{w}/members?q=ben"), json!(null)),
        (
            Method::PATCH,
            format!("{w}/members/{admin}"),
            json!({"role": "viewer"}),
        ),
        (Method::DELETE, format!("{w}/members/{admin}"), json!(null)),
        (Method::POST, format!("{w}/leave"), json!({})),
        (
            Method::POST,
            format!("{w}/ownership-transfer"),
            json!({"member_id": member, "confirm": true}),
        ),
        (Method::GET, format!("{w}/invitations"), json!(null)),
        (
            Method::POST,
            format!("{w}/invitations"),
            json!({"invites": [{"email": "x@alpha.com", "role": "viewer"}]}),
        ),
        (
            Method::DELETE,
            format!("{w}/invitations/{inv}"),
            json!(null),
        ),
        (
            Method::POST,
            format!("{w}/invitations/{inv}/resend"),
            json!({}),
        ),
        (
            Method::GET,
            format!("{w}/invitations/{inv}/link"),
            json!(null),
        ),
        (Method::GET, format!("{w}/audit"), json!(null)),
        (Method::GET, format!("{w}/audit?format=csv"), json!(null)),
        (Method::GET, format!("{w}/outbox"), json!(null)),
    ]
}

async fn call(who: &Session, method: Method, path: &str, body: &Value) -> reqwest::Response {
    if body.is_null() {
        who.request(method, path).send().await.unwrap()
    } else {
        who.send(method, path, body).await
    }
}

/// What B holds, to compare before and after an attack.
async fn snapshot(t: &Tenants) -> (i64, String, String, String) {
    let members = serde_json::to_string(&t.bob.members(&t.b).await).unwrap();
    let ws = t
        .bob
        .get(&format!("/workspaces/{}", t.b))
        .await
        .text()
        .await;
    let invites = t
        .bob
        .get(&format!("/workspaces/{}/invitations", t.b))
        .await
        .text()
        .await;
    (
        t.app.audit_count(&t.b).await,
        members,
        ws.unwrap(),
        invites.unwrap(),
    )
}

#[tokio::test]
async fn an_owner_of_a_gets_404_on_every_route_and_method_of_b_and_changes_nothing() {
    let t = tenants().await;
    let owner = t.b_members.iter().find(|m| m.role == "owner").unwrap();
    let admin = t.b_members.iter().find(|m| m.role == "admin").unwrap();
    let before = snapshot(&t).await;
    for (method, path, body) in workspace_routes(&t.b, &owner.id, &admin.id, &t.b_invitation) {
        let what = format!("{method} {path}");
        let res = call(&t.alice, method, &path, &body).await;
        assert_eq!(res.status(), 404, "{what}");
        let p = problem(res, 404, "not_a_member").await;
        assert!(!p.detail.contains("Bravo"), "{what}: {p:?}");
    }
    assert_eq!(snapshot(&t).await, before, "B is unchanged");
    // Every workspace route the router mounts is in the list above.
    let covered: Vec<(String, String)> =
        workspace_routes(&t.b, &owner.id, &admin.id, &t.b_invitation)
            .into_iter()
            .map(|(m, path, _)| {
                let template = format!("/api/v1{}", path.split('?').next().unwrap_or_default())
                    .replace(&t.b, "{ws}")
                    .replace(&owner.id, "{member}")
                    .replace(&admin.id, "{member}")
                    .replace(&t.b_invitation, "{id}")
                    .replace("/config/theme", "/config/{key}");
                (m.as_str().to_lowercase(), template)
            })
            .collect();
    for (method, template) in roster_server::http::openapi::ROUTES {
        if template.contains("/workspaces/{ws}") {
            let route = (method.to_string(), template.to_string());
            assert!(
                covered.contains(&route),
                "{method} {template} is not checked"
            );
        }
    }
}

#[tokio::test]
async fn ids_of_b_used_under_a_paths_are_not_found() {
    let t = tenants().await;
    let owner = t.b_members.iter().find(|m| m.role == "owner").unwrap();
    let admin = t.b_members.iter().find(|m| m.role == "admin").unwrap();
    let before = snapshot(&t).await;
    let a_audit = t.app.audit_count(&t.a).await;
    let w = format!("/workspaces/{}", t.a);
    let (admin, inv) = (&admin.id, &t.b_invitation);
    let crossings = [
        (
            Method::PATCH,
            format!("{w}/members/{admin}"),
            json!({"role": "viewer"}),
        ),
        (
            Method::PATCH,
            format!("{w}/members/{admin}"),
            json!({"status": "deactivated"}),
        ),
        (Method::DELETE, format!("{w}/members/{admin}"), json!(null)),
        (
            Method::POST,
            format!("{w}/ownership-transfer"),
            json!({"member_id": owner.id, "confirm": true}),
        ),
        (
            Method::DELETE,
            format!("{w}/invitations/{inv}"),
            json!(null),
        ),
        (
            Method::POST,
            format!("{w}/invitations/{inv}/resend"),
            json!({}),
        ),
        (
            Method::GET,
            format!("{w}/invitations/{inv}/link"),
            json!(null),
        ),
    ];
    for (method, path, body) in crossings {
        let what = format!("{method} {path}");
        let res = call(&t.alice, method, &path, &body).await;
        assert_eq!(res.status(), 404, "{what}");
        let p: roster_api::Problem = res.json().await.unwrap();
        assert!(!p.detail.contains("Bravo"), "{what}: {p:?}");
    }
    for (method, path) in [
        (Method::POST, format!("/invitations/{inv}/accept")),
        (Method::POST, format!("/invitations/{inv}/decline")),
    ] {
        let res = call(&t.alice, method, &path, &json!({})).await;
        problem(res, 404, "not_found").await;
    }
    let res = t
        .alice
        .send(
            Method::PUT,
            "/me/last-workspace",
            &json!({"workspace_id": t.b}),
        )
        .await;
    assert_eq!(res.status(), 404, "B cannot become Alice's last workspace");
    assert_eq!(snapshot(&t).await, before, "B is unchanged");
    assert_eq!(t.app.audit_count(&t.a).await, a_audit, "A is unchanged");
}

/// Every `GET` route the router mounts (from the OpenAPI route list, so new
/// endpoints join the scan), aimed at workspace `a` with real ids, plus the
/// filters, searches and exports that could leak another tenant's rows.
fn every_read(a: &str, member: &str, inv: &str, b_user: &str) -> Vec<String> {
    let mut paths = Vec::new();
    for (method, template) in roster_server::http::openapi::ROUTES {
        if *method != "get" {
            continue;
        }
        let path = template
            .replace("{ws}", a)
            .replace("{member}", member)
            .replace("{id}", inv)
            .replace("{key}", "theme");
        assert!(
            !path.contains('{'),
            "no value for a parameter of {template}"
        );
        // Keyed by a link's token, not the session: scanned on its own
        // (reading A's link replaces the token).
        if path.ends_with("/invitations/lookup") {
            continue;
        }
        paths.push(path);
    }
    for extra in [
        "members?limit=200",
        "members?q=bravo",
        "members?q=ben",
        "members?q=ivy",
        "members?status=invited",
        "members?sort=email&order=desc",
        &format!("audit?actor={b_user}"),
        "audit?format=csv",
        &format!("audit?format=csv&actor={b_user}"),
        "outbox?limit=200",
    ] {
        paths.push(format!("/api/v1/workspaces/{a}/{extra}"));
    }
    paths
}

#[tokio::test]
async fn b_never_appears_in_the_answers_a_member_of_a_gets() {
    let t = tenants().await;
    let a = &t.a;
    let mut secrets: Vec<String> = vec![
        t.b.clone(),
        "Bravo".to_owned(),
        "bravo-secret-value".to_owned(),
        "bravo.com".to_owned(),
        t.b_invitation.clone(),
        t.bob.user_id.clone(),
    ];
    secrets.extend(t.b_members.iter().map(|m| m.id.clone()));
    let a_invites: Page<InvitationResponse> = t
        .alice
        .get_ok(&format!("/workspaces/{a}/invitations"))
        .await;
    let member = t.alice.my_member_id(a).await;
    let paths = every_read(a, &member, &a_invites.items[0].id, &t.bob.user_id);
    assert!(
        paths.len() >= 20,
        "the scan covers only {} reads",
        paths.len()
    );
    for path in paths {
        let url = format!("{}{path}", t.alice.base);
        let res = t.alice.client.get(url).send().await.unwrap();
        assert_eq!(res.status(), 200, "GET {path}");
        let text = res.text().await.unwrap();
        for secret in &secrets {
            assert!(
                !text.contains(secret.as_str()),
                "GET {path} shows {secret}: {text}"
            );
        }
    }
    // What A's invitation link shows (its token read fresh: the scan's
    // link read replaced the mailed one).
    let link: InvitationLinkResponse = t
        .alice
        .get_ok(&format!(
            "/workspaces/{a}/invitations/{}/link",
            a_invites.items[0].id
        ))
        .await;
    let token = link.url.split("token=").nth(1).unwrap_or_default();
    let text = t
        .alice
        .get(&format!("/invitations/lookup?token={token}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(text.contains("Alpha"), "{text}");
    for secret in &secrets {
        assert!(
            !text.contains(secret.as_str()),
            "the lookup shows {secret}: {text}"
        );
    }
    // Decisions: about B itself (404), and about B's people named in A (each
    // just "not a member", the same answer as for an id that never existed).
    let mut questions = vec![json!({"workspace_id": t.b, "action": "content:read"})];
    for principal in t
        .b_members
        .iter()
        .map(|m| m.id.clone())
        .chain([t.bob.user_id.clone()])
    {
        questions
            .push(json!({"workspace_id": a, "principal": principal, "action": "content:read"}));
    }
    let unknown = json!({"workspace_id": a, "principal": "usr_never", "action": "content:read"});
    let unknown = t
        .alice
        .post("/authorize", &unknown)
        .await
        .text()
        .await
        .unwrap();
    for (i, q) in questions.iter().enumerate() {
        let text = t.alice.post("/authorize", q).await.text().await.unwrap();
        if i > 0 {
            assert_eq!(text, unknown, "a member of B is told apart from nobody");
        }
        for secret in &secrets {
            assert!(
                !text.contains(secret.as_str()),
                "{q} shows {secret}: {text}"
            );
        }
    }
    let batch = t
        .alice
        .post("/authorize:batch", &json!({"checks": questions}))
        .await;
    let text = batch.text().await.unwrap();
    for secret in &secrets {
        assert!(
            !text.contains(secret.as_str()),
            "the batch shows {secret}: {text}"
        );
    }
}
