//! Mail: with `ROSTER_SMTP_URL` set, invitations reach a real SMTP server
//! (mailin-embedded, started by the test on loopback) and the outbox says so;
//! without it, the messages wait in the outbox that admins read; a dead SMTP
//! server loses nothing.

use crate::support::{TestApp, problem};
use mailin_embedded::{Handler, Response, Server, SslConfig, response};
use roster_api::{OutboxMessageResponse, Page};
use serde_json::json;
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One message as the SMTP server received it.
#[derive(Debug, Clone, Default)]
struct Received {
    from: String,
    to: Vec<String>,
    data: String,
}

#[derive(Clone, Default)]
struct Inbox {
    current: Received,
    done: Arc<Mutex<Vec<Received>>>,
}

impl Handler for Inbox {
    fn data_start(&mut self, _domain: &str, from: &str, _8bit: bool, to: &[String]) -> Response {
        self.current = Received {
            from: from.to_owned(),
            to: to.to_vec(),
            data: String::new(),
        };
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.current.data.push_str(&String::from_utf8_lossy(buf));
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let message = std::mem::take(&mut self.current);
        self.done.lock().unwrap().push(message);
        response::OK
    }
}

/// Starts an SMTP server on a free loopback port; it lives as long as the test.
fn smtp_server() -> (u16, Arc<Mutex<Vec<Received>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let inbox = Inbox::default();
    let done = inbox.done.clone();
    let mut server = Server::new(inbox);
    server
        .with_name("smtp.test")
        .with_ssl(SslConfig::None)
        .unwrap()
        .with_tcp_listener(listener);
    std::thread::spawn(move || {
        if let Err(e) = server.serve() {
            panic!("the test SMTP server stopped: {e}");
        }
    });
    (port, done)
}

/// The accept link's token in a raw message (undoing quoted-printable).
fn token_in(raw: &str) -> String {
    let text = raw.replace("=\r\n", "").replace("=3D", "=");
    let (_, rest) = text.split_once("token=").expect("a link with a token");
    rest.split_whitespace().next().unwrap().to_owned()
}

async fn outbox(session: &crate::support::Session, ws: &str) -> Vec<OutboxMessageResponse> {
    let page: Page<OutboxMessageResponse> =
        session.get_ok(&format!("/workspaces/{ws}/outbox")).await;
    page.items
}

#[tokio::test]
async fn invitations_are_delivered_over_smtp_and_their_links_work() {
    let (port, received) = smtp_server();
    let app = TestApp::spawn_with(|c| {
        c.rate_limits = roster_server::Switch::Off;
        c.smtp_url = Some(format!("smtp://127.0.0.1:{port}"));
        c.mail_from = "Roster <roster@acme.test>".to_owned();
    })
    .await;
    let owner = app.signup("owner@acme.com", "Olga").await;
    let ws = owner.create_workspace("Acme").await.id;
    let res = owner
        .post(
            &format!("/workspaces/{ws}/invitations"),
            &json!({"invites": [
                {"email": "nia@acme.com", "role": "editor"},
                {"email": "tom@acme.com", "role": "viewer"},
            ]}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let mut sent = Vec::new();
    for _ in 0..200 {
        sent = outbox(&owner, &ws).await;
        if sent.iter().all(|m| m.delivery == "sent") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(sent.len(), 2);
    for m in &sent {
        assert_eq!(m.delivery, "sent", "{m:?}");
        assert_eq!(m.attempts, 1);
        assert!(m.sent_at.is_some() && m.last_error.is_none());
    }
    let got = received.lock().unwrap().clone();
    assert_eq!(got.len(), 2);
    let nia = got
        .iter()
        .find(|r| r.to == ["nia@acme.com"])
        .expect("Nia's mail");
    assert_eq!(nia.from, "roster@acme.test");
    assert!(
        nia.data
            .contains("Subject: You are invited to Acme on Roster")
    );
    // The link in the delivered mail lets Nia in.
    let nia_session = app.signup("nia@acme.com", "Nia").await;
    let res = nia_session
        .post(
            "/invitations/accept",
            &json!({"token": token_in(&nia.data)}),
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(app.owner_count(&ws).await, 1);
}

#[tokio::test]
async fn a_dead_smtp_server_loses_nothing_and_says_why() {
    // A port that refuses connections: bound for the whole test, so no
    // other test's server can be given it (freed, it once was, and the mail
    // worker then waited on an HTTP server for an SMTP greeting), but never
    // listening.
    let refusing = tokio::net::TcpSocket::new_v4().unwrap();
    refusing.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let port = refusing.local_addr().unwrap().port();
    let app = TestApp::spawn_with(|c| {
        c.rate_limits = roster_server::Switch::Off;
        c.smtp_url = Some(format!("smtp://127.0.0.1:{port}"));
    })
    .await;
    let owner = app.signup("owner@acme.com", "Olga").await;
    let ws = owner.create_workspace("Acme").await.id;
    let res = owner
        .post(
            &format!("/workspaces/{ws}/invitations"),
            &json!({"invites": [{"email": "nia@acme.com", "role": "editor"}]}),
        )
        .await;
    assert_eq!(res.status(), 200, "the invitation does not wait for mail");
    let mut msg = None;
    for _ in 0..200 {
        let m = outbox(&owner, &ws).await.remove(0);
        if m.attempts > 0 {
            msg = Some(m);
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let msg = msg.expect("a failed attempt is recorded");
    assert_eq!(msg.delivery, "queued");
    assert!(msg.last_error.is_some());
    assert!(msg.sent_at.is_none());
    // The invitation itself stands, and its link can still be copied.
    let token = app.latest_invite_token("nia@acme.com").await;
    assert!(!token.is_empty());
}

#[tokio::test]
async fn without_smtp_mail_is_held_for_admins_to_read() {
    let app = TestApp::spawn().await;
    let owner = app.signup("owner@acme.com", "Olga").await;
    let viewer = app.signup("viewer@acme.com", "Vera").await;
    let eve = app.signup("eve@evil.com", "Eve").await;
    let ws = owner.create_workspace("Acme").await.id;
    app.add_member(&ws, &viewer, "viewer").await;
    let res = owner
        .post(
            &format!("/workspaces/{ws}/invitations"),
            &json!({"invites": [{"email": "nia@acme.com", "role": "editor"}]}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let held = outbox(&owner, &ws).await;
    let nia: Vec<_> = held
        .iter()
        .filter(|m| m.recipient == "nia@acme.com")
        .collect();
    assert_eq!(nia.len(), 1);
    assert_eq!(nia[0].delivery, "held");
    assert!(nia[0].body.contains("token="));
    let path = format!("/workspaces/{ws}/outbox");
    problem(viewer.get(&path).await, 403, "not_allowed").await;
    problem(eve.get(&path).await, 404, "not_a_member").await;
    problem(
        owner.get(&format!("{path}?limit=0")).await,
        422,
        "validation",
    )
    .await;
}
