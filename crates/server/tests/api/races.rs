//! Rule 8 at scale: a thousand concurrent ownership changes over fifty
//! workspaces never leave one without an owner, and one invitation accepted a
//! hundred times at once admits its invitee exactly once.

use crate::support::{Session, TestApp};
use roster_api::{MemberResponse, Problem};
use serde_json::{Value, json};
use std::collections::BTreeMap;

const WORKSPACES: usize = 50;
const REQUESTS: usize = 1_000;

/// The refusals a racing ownership change may get, with their status.
const REFUSALS: [(&str, u16); 9] = [
    ("not_allowed", 403),
    ("last_owner", 409),
    ("cannot_remove_owner", 409),
    ("target_inactive", 409),
    ("transfer_target_not_admin", 422),
    ("owner_only", 403),
    ("outranked", 403),
    ("not_a_member", 404),
    ("not_found", 404),
];

/// One workspace of the race: two owners and two admins.
struct Arena {
    ws: String,
    a: String,
    b: String,
    c: String,
    d: String,
}

/// The `kind`th request of a workspace's race: who sends what.
fn request(kind: usize, arena: &Arena) -> (usize, reqwest::Method, String, Value) {
    let ws = &arena.ws;
    let member = |id: &str| format!("/workspaces/{ws}/members/{id}");
    let (a, b, c, d) = (&arena.a, &arena.b, &arena.c, &arena.d);
    let transfer = format!("/workspaces/{ws}/ownership-transfer");
    let leave = format!("/workspaces/{ws}/leave");
    let demote = json!({"role": "admin"});
    let none = json!({});
    use reqwest::Method as M;
    match kind % 10 {
        0 => (0, M::PATCH, member(b), demote),
        1 => (1, M::PATCH, member(a), demote),
        2 => (0, M::DELETE, member(b), none),
        3 => (1, M::DELETE, member(a), none),
        4 => (0, M::POST, leave, none),
        5 => (1, M::POST, leave, none),
        6 => (
            0,
            M::POST,
            transfer,
            json!({"member_id": c, "confirm": true}),
        ),
        7 => (
            1,
            M::POST,
            transfer,
            json!({"member_id": d, "confirm": true}),
        ),
        8 => (0, M::DELETE, member(c), none),
        _ => (1, M::PATCH, member(d), json!({"role": "owner"})),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_thousand_concurrent_ownership_changes_never_leave_a_workspace_without_an_owner() {
    let app = TestApp::spawn().await;
    let users = [
        app.signup("a@acme.com", "A").await,
        app.signup("b@acme.com", "B").await,
        app.signup("c@acme.com", "C").await,
        app.signup("d@acme.com", "D").await,
    ];
    let mut arenas = Vec::with_capacity(WORKSPACES);
    for i in 0..WORKSPACES {
        let ws = users[0].create_workspace(&format!("Race {i}")).await.id;
        let a = users[0].my_member_id(&ws).await;
        let b = app.add_member(&ws, &users[1], "owner").await;
        let c = app.add_member(&ws, &users[2], "admin").await;
        let d = app.add_member(&ws, &users[3], "admin").await;
        arenas.push(Arena { ws, a, b, c, d });
    }
    let sends = (0..REQUESTS).map(|n| {
        let (who, method, path, body) = request(n / WORKSPACES, &arenas[n % WORKSPACES]);
        let session: &Session = &users[who];
        async move {
            let res = session.send(method.clone(), &path, &body).await;
            let status = res.status().as_u16();
            let media = res
                .headers()
                .get("content-type")
                .map(|v| v.to_str().unwrap_or_default().to_owned());
            let text = res.text().await.unwrap_or_default();
            (format!("{method} {path}"), status, media, text)
        }
    });
    let answers = futures_join_all(sends).await;
    let mut tally: BTreeMap<String, usize> = BTreeMap::new();
    for (what, status, media, text) in &answers {
        assert!(*status < 500, "{what}: {status} {text}");
        if (200..300).contains(status) {
            *tally.entry(status.to_string()).or_default() += 1;
            continue;
        }
        assert_eq!(media.as_deref(), Some("application/problem+json"), "{what}");
        let p: Problem = serde_json::from_str(text).expect("a problem body");
        let expected = REFUSALS.iter().find(|(code, _)| *code == p.code);
        assert_eq!(
            expected.map(|(_, s)| *s),
            Some(*status),
            "{what}: an unexpected refusal {status} {text}"
        );
        *tally.entry(p.code).or_default() += 1;
    }
    assert!(tally.get("last_owner").is_some_and(|n| *n > 0), "{tally:?}");
    eprintln!("race outcome: {tally:?}");
    for arena in &arenas {
        assert!(
            app.owner_count(&arena.ws).await >= 1,
            "{} has no owner after the race ({tally:?})",
            arena.ws
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_hundred_concurrent_accepts_of_one_invitation_admit_the_invitee_once() {
    let app = TestApp::spawn().await;
    let owner = app.signup("owner@acme.com", "Olga").await;
    let ws = owner.create_workspace("Acme").await.id;
    let res = owner
        .post(
            &format!("/workspaces/{ws}/invitations"),
            &json!({"invites": [{"email": "nia@acme.com", "role": "editor"}]}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let token = app.latest_invite_token("nia@acme.com").await;
    let nia = app.signup("nia@acme.com", "Nia").await;
    let mine: roster_api::Page<roster_api::InvitationResponse> = nia.get_ok("/invitations").await;
    let id = mine.items[0].id.clone();
    let audit = app.audit_count(&ws).await;
    let accepts = (0..100).map(|n| {
        let (nia, id, token) = (&nia, &id, &token);
        async move {
            let res = if n % 2 == 0 {
                nia.post(&format!("/invitations/{id}/accept"), &json!({}))
                    .await
            } else {
                nia.post("/invitations/accept", &json!({"token": token}))
                    .await
            };
            let status = res.status().as_u16();
            let text = res.text().await.unwrap_or_default();
            (status, text)
        }
    });
    let answers = futures_join_all(accepts).await;
    let won = answers.iter().filter(|(s, _)| *s == 200).count();
    for (status, text) in &answers {
        if *status != 200 {
            let p: Problem = serde_json::from_str(text).expect("a problem body");
            assert!(
                (*status, p.code.as_str()) == (409, "no_pending_invitation")
                    || (*status, p.code.as_str()) == (404, "not_found"),
                "a losing accept is refused by a rule: {status} {text}"
            );
        }
    }
    assert_eq!(won, 1, "exactly one accept succeeds");
    let members: Vec<MemberResponse> = owner.members(&ws).await;
    let nias = members.iter().filter(|m| m.email == "nia@acme.com");
    assert_eq!(nias.count(), 1, "the invitee joined once");
    assert_eq!(app.audit_count(&ws).await, audit + 1, "one join recorded");
}

/// Runs every future at once on the current task and collects the answers in
/// order (a small `join_all`, so the tests need no extra crate).
async fn futures_join_all<F: std::future::Future>(
    futures: impl Iterator<Item = F>,
) -> Vec<F::Output> {
    let mut set = Vec::new();
    for f in futures {
        set.push(Box::pin(f));
    }
    let mut out: Vec<Option<F::Output>> = set.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (slot, fut) in out.iter_mut().zip(set.iter_mut()) {
            if slot.is_none() {
                match fut.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => *slot = Some(v),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    out.into_iter()
        .map(|v| v.expect("every future finished"))
        .collect()
}
