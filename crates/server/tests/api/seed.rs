//! `roster-server seed`: demo data written through the store in one
//! transaction, readable over the API, and idempotent by workspace name.

use crate::support::{Session, TestApp};
use roster_api::{MeResponse, MemberResponse, Page, SessionResponse};
use roster_server::seed::{DEMO_PASSWORD, SeedOptions, seed};
use roster_server::{AppState, Config, clock};
use std::collections::{HashMap, HashSet};

async fn seed_into(app: &TestApp, members: u32) -> roster_server::seed::SeedReport {
    let config = Config {
        secret_key: Some(roster_server::auth::seal::SecretKey::random()),
        ..Config::defaults()
    };
    let state = AppState::new(config, app.db.clone(), clock::system()).unwrap();
    let opts = SeedOptions {
        members,
        workspace: "Acme Analytics".to_owned(),
    };
    seed(&state, &opts).await.expect("seeding")
}

async fn log_in_owner(app: &TestApp, email: &str) -> Session {
    let res = app
        .post_anon(
            "/auth/login",
            &serde_json::json!({"email": email, "password": DEMO_PASSWORD}),
        )
        .await;
    assert_eq!(res.status(), 200, "the demo owner logs in");
    let body: SessionResponse = res.json().await.unwrap();
    Session {
        base: app.base.clone(),
        client: app.client.clone(),
        csrf: body.csrf_token,
        user_id: body.user.id,
        email: body.user.email,
    }
}

#[tokio::test]
async fn seeding_500_members_gives_a_workspace_the_owner_can_browse() {
    let app = TestApp::spawn().await;
    let report = seed_into(&app, 500).await;
    assert!(report.created);
    assert_eq!(report.owner_email, "owner@acme-analytics.example");
    assert_eq!((report.members, report.invitations), (500, 25));
    let ws = report.workspace_id.clone();
    assert_eq!(
        app.audit_count(&ws).await,
        i64::from(report.audit_events),
        "every audit event is stored"
    );
    assert!(report.audit_events > 500);
    assert!(
        app.owner_count(&ws).await >= 2,
        "the demo owner and co-owners"
    );

    let owner = log_in_owner(&app, &report.owner_email).await;
    let me: MeResponse = owner.get_ok("/me").await;
    assert_eq!(me.last_workspace_id.as_deref(), Some(ws.as_str()));
    assert_eq!(me.workspaces.len(), 1);
    assert_eq!(me.workspaces[0].role, "owner");

    let mut all: Vec<MemberResponse> = Vec::new();
    let mut cursor = String::new();
    loop {
        let page: Page<MemberResponse> = owner
            .get_ok(&format!(
                "/workspaces/{ws}/members?limit=200&cursor={cursor}"
            ))
            .await;
        all.extend(page.items);
        match page.next_cursor {
            Some(next) => cursor = next,
            None => break,
        }
    }
    assert_eq!(all.len(), 525, "500 joined members and 25 invited");
    let ids: HashSet<_> = all.iter().map(|m| m.id.as_str()).collect();
    let emails: HashSet<_> = all.iter().map(|m| m.email.as_str()).collect();
    assert_eq!((ids.len(), emails.len()), (525, 525));
    assert!(
        all.iter()
            .all(|m| m.email.ends_with("@acme-analytics.example"))
    );

    let mut by_status: HashMap<String, usize> = HashMap::new();
    let mut roles: HashSet<&str> = HashSet::new();
    for m in &all {
        let status = serde_json::to_value(m.status).unwrap();
        *by_status
            .entry(status.as_str().unwrap().to_owned())
            .or_default() += 1;
        roles.insert(m.role.as_str());
    }
    assert_eq!(by_status["invited"], 25);
    assert_eq!(by_status["deactivated"] + by_status["active"], 500);
    assert!(by_status["deactivated"] > 0);
    assert_eq!(roles, HashSet::from(["owner", "admin", "editor", "viewer"]));

    let found: Page<MemberResponse> = owner
        .get_ok(&format!("/workspaces/{ws}/members?q=ada.adams"))
        .await;
    assert_eq!(found.items.len(), 1, "search finds a seeded person");
}

#[tokio::test]
async fn seeding_the_same_workspace_twice_writes_nothing_the_second_time() {
    let app = TestApp::spawn().await;
    let first = seed_into(&app, 10).await;
    let events = app.audit_count(&first.workspace_id).await;
    let second = seed_into(&app, 10).await;
    assert!(first.created && !second.created);
    assert_eq!(first.workspace_id, second.workspace_id);
    assert_eq!(app.audit_count(&first.workspace_id).await, events);
    let owner = log_in_owner(&app, &second.owner_email).await;
    let me: MeResponse = owner.get_ok("/me").await;
    assert_eq!(me.workspaces.len(), 1, "no second workspace");
}
