//! The skeleton's promises: probes, problem answers for unknown API paths,
//! the SPA fallback, request ids and security headers on every response,
//! writes that finish when their client leaves, reads that never wait
//! behind queued writers, and connections PostgreSQL dropped that cost at
//! most one failed request each.

use crate::support::TestApp;
use roster_api::{Problem, ReadinessResponse, WorkspaceResponse};
use serde_json::json;
use std::time::Duration;

#[tokio::test]
async fn healthz_and_readyz_answer_ok() {
    let app = TestApp::spawn().await;
    assert_eq!(app.get("/healthz").await.status(), 200);
    let res = app.get("/readyz").await;
    assert_eq!(res.status(), 200);
    let body: ReadinessResponse = res.json().await.unwrap();
    assert_eq!(body.status, "ready");
    assert_eq!(body.database, app.db.dialect().name());
    assert!(body.migrations >= 1);
}

#[tokio::test]
async fn unknown_api_paths_answer_a_problem_404_with_the_request_id() {
    let app = TestApp::spawn().await;
    for path in ["/api/v1/nope", "/api/v1", "/api/other", "/api", "/api/"] {
        let res = app.get(path).await;
        assert_eq!(res.status(), 404, "{path}");
        assert_eq!(
            res.headers()["content-type"],
            "application/problem+json",
            "{path}"
        );
        let header_id = res.headers()["x-request-id"].to_str().unwrap().to_owned();
        let problem: Problem = res.json().await.unwrap();
        assert_eq!(problem.status, 404);
        assert_eq!(problem.code, "not_found");
        assert_eq!(problem.request_id.as_deref(), Some(header_id.as_str()));
    }
}

#[tokio::test]
async fn client_routes_fall_back_to_the_app_shell() {
    let app = TestApp::spawn().await;
    for path in ["/", "/w/abc/members", "/settings"] {
        let res = app.get(path).await;
        assert_eq!(res.status(), 200, "{path}");
        assert_eq!(res.headers()["cache-control"], "no-cache");
        assert!(res.text().await.unwrap().contains("<title>Roster</title>"));
    }
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = TestApp::spawn().await;
    for path in ["/", "/healthz", "/api/v1/nope", "/missing.wasm"] {
        let res = app.get(path).await;
        let h = res.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("'wasm-unsafe-eval'"), "{path}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}");
        assert!(!csp.contains("script-src 'self' 'unsafe-inline'"), "{path}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert!(h.contains_key("referrer-policy"), "{path}");
        assert!(h.contains_key("x-request-id"), "{path}");
    }
}

#[tokio::test]
async fn a_missing_asset_is_a_404_not_the_app_shell() {
    let app = TestApp::spawn().await;
    for path in [
        "/roster-web-0123456789abcdef.js",
        "/old_bg.wasm",
        "/style.css",
    ] {
        let res = app.get(path).await;
        assert_eq!(res.status(), 404, "{path}");
        assert!(!res.text().await.unwrap().contains("<title>"), "{path}");
    }
}

#[tokio::test]
async fn static_answers_vary_on_encoding() {
    let app = TestApp::spawn().await;
    let res = app.get("/").await;
    assert_eq!(res.headers()["vary"], "accept-encoding");
}

#[tokio::test]
async fn clients_cannot_choose_the_request_id() {
    let app = TestApp::spawn().await;
    let res = app
        .client
        .get(format!("{}/api/v1/nope", app.base))
        .header("x-request-id", "chosen-by-client")
        .send()
        .await
        .unwrap();
    let id = res.headers()["x-request-id"].to_str().unwrap().to_owned();
    assert_ne!(id, "chosen-by-client");
    let problem: Problem = res.json().await.unwrap();
    assert_eq!(problem.request_id.as_deref(), Some(id.as_str()));
}

#[tokio::test]
async fn a_write_whose_client_leaves_still_finishes_and_the_database_stays_usable() {
    let app = TestApp::spawn().await;
    let owner = app.signup("owner@acme.com", "Owner").await;
    let ws = owner.create_workspace("Acme").await.id;
    let path = format!("/workspaces/{ws}");
    // Hold the workspace (SQLite: the write lock; PostgreSQL: its row), so
    // the rename waits inside its handler until the client has given up.
    let mut hold = app.db.write().await.unwrap();
    hold.lock_workspace(&ws).await.unwrap();
    let gave_up = owner
        .request(reqwest::Method::PATCH, &path)
        .json(&json!({"name": "Renamed"}))
        .timeout(Duration::from_millis(300))
        .send()
        .await;
    assert!(gave_up.is_err_and(|e| e.is_timeout()));
    hold.commit().await.unwrap();
    let mut name = String::new();
    for _ in 0..100 {
        let w: WorkspaceResponse = owner.get_ok(&path).await;
        name = w.name;
        if name == "Renamed" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(name, "Renamed", "the accepted write was abandoned");
    // Every pooled connection still takes writes.
    for i in 0..12 {
        let res = owner
            .patch(&path, &json!({"name": format!("Acme {i}")}))
            .await;
        assert_eq!(res.status(), 200);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn writers_queued_behind_a_held_workspace_leave_connections_for_reads() {
    // PostgreSQL: five connections, so three writers (SQLite keeps eight
    // and one writer).
    let app = TestApp::spawn_with(|c| c.database_pool = Some(5)).await;
    let owner = app.signup("owner@acme.com", "Owner").await;
    let ws = owner.create_workspace("Acme").await.id;
    let path = format!("/workspaces/{ws}");
    let mut hold = app.db.write().await.unwrap();
    hold.lock_workspace(&ws).await.unwrap();
    // More writers than either pool has connections.
    let writers: Vec<_> = (0..40)
        .map(|i| {
            let request = owner
                .request(reqwest::Method::PATCH, &path)
                .json(&json!({"name": format!("Acme {i}")}))
                .timeout(Duration::from_secs(30));
            tokio::spawn(async move { request.send().await.map(|r| r.status().as_u16()) })
        })
        .collect();
    // Every writer is in: on PostgreSQL two of them wait for the row lock
    // inside the database, the other 38 at the gate; on SQLite all 40.
    let gate = app.db.write_gate();
    let queued = async {
        while gate.waiting() < 38 {
            tokio::task::yield_now().await;
        }
    };
    tokio::time::timeout(Duration::from_secs(10), queued)
        .await
        .expect("the writers never queued at the gate");
    let read = tokio::time::timeout(Duration::from_secs(3), owner.get(&path)).await;
    let read = read.expect("a read waited behind the queued writers");
    assert_eq!(read.status(), 200);
    hold.commit().await.unwrap();
    for w in writers {
        assert_eq!(w.await.unwrap().unwrap(), 200, "every queued write lands");
    }
}

#[tokio::test]
async fn connections_postgres_drops_fail_at_most_one_request_each() {
    // PostgreSQL only: SQLite's connections live in this process.
    let app = TestApp::spawn_with(|c| c.database_pool = Some(3)).await;
    let roster_server::store::Db::Postgres(pool, ..) = &app.db else {
        return;
    };
    let owner = app.signup("owner@acme.com", "Owner").await;
    let ws = owner.create_workspace("Acme").await.id;
    let path = format!("/workspaces/{ws}/members");
    assert_eq!(owner.get(&path).await.status(), 200);
    // Three read connections open at once, then idle.
    let readers = [
        app.db.read().await.unwrap(),
        app.db.read().await.unwrap(),
        app.db.read().await.unwrap(),
    ];
    for r in readers {
        r.commit().await.unwrap();
    }
    // As after a restart of PostgreSQL: every connection of the instance but
    // the one that runs this (the three readers, two of the three writers)
    // is gone.
    let killed: Vec<bool> = sqlx::query_scalar(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = current_database() AND pid <> pg_backend_pid()",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    assert!(!killed.is_empty());
    let mut failed = 0;
    for _ in 0..12 {
        match owner.get(&path).await.status().as_u16() {
            200 => {}
            500 => failed += 1,
            other => panic!("answered {other}"),
        }
    }
    // Each stale reader fails the one request (or background read) that
    // takes it, and is then closed instead of given back.
    assert!(
        (1..=3).contains(&failed),
        "{failed} reads failed: a stale connection was kept"
    );
    for _ in 0..5 {
        assert_eq!(owner.get(&path).await.status(), 200, "reads recovered");
    }
}
