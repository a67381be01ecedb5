//! Rule 8 under load: concurrent requests on one workspace keep every rule
//! on both databases (SQLite's `BEGIN IMMEDIATE`, PostgreSQL's row lock).

use crate::support::TestApp;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_owners_demoting_each_other_at_once_never_leave_zero_owners() {
    let app = TestApp::spawn().await;
    let a = app.signup("a@acme.com", "A").await;
    let b = app.signup("b@acme.com", "B").await;
    for round in 0..15 {
        let ws = a.create_workspace(&format!("Race {round}")).await.id;
        let a_id = a.my_member_id(&ws).await;
        let b_id = app.add_member(&ws, &b, "owner").await;
        let demote = json!({"role": "admin"});
        let (a_path, b_path) = (
            format!("/workspaces/{ws}/members/{b_id}"),
            format!("/workspaces/{ws}/members/{a_id}"),
        );
        let (ra, rb) = tokio::join!(a.patch(&a_path, &demote), b.patch(&b_path, &demote));
        let statuses = [ra.status().as_u16(), rb.status().as_u16()];
        let ok = statuses.iter().filter(|s| **s == 200).count();
        assert!(
            statuses.iter().all(|s| [200, 403, 409].contains(s)),
            "round {round}: the loser is refused by a rule, not an error: {statuses:?}"
        );
        assert_eq!(ok, 1, "round {round}: exactly one demotion wins");
        assert_eq!(app.owner_count(&ws).await, 1, "round {round}");
    }
}
