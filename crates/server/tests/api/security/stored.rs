//! No secret in the clear at rest: after sign-up, log-in, invitations, links,
//! resends and accepts, no column of any table holds a session token, a CSRF
//! token, an invitation token or a password.

use crate::support::{PASSWORD, TestApp};
use roster_server::Db;
use serde_json::{Value, json};

/// A browser session opened by hand, to see the raw cookie value.
struct Raw {
    cookie: String,
    csrf: String,
}

async fn open(app: &TestApp, path: &str, body: Value, status: u16) -> Raw {
    let res = reqwest::Client::new()
        .post(format!("{}/api/v1{path}", app.base))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), status, "{path}");
    let set_cookie = res.headers()["set-cookie"].to_str().unwrap().to_owned();
    let cookie = set_cookie
        .strip_prefix("roster_session=")
        .and_then(|v| v.split(';').next())
        .unwrap()
        .to_owned();
    assert!(cookie.len() >= 40, "a real session token: {set_cookie}");
    let body: Value = res.json().await.unwrap();
    let csrf = body["csrf_token"].as_str().unwrap().to_owned();
    Raw { cookie, csrf }
}

/// Every cell of every table as text: (table, column, value).
async fn dump(db: &Db) -> Vec<(String, String, String)> {
    let mut cells = Vec::new();
    match db {
        Db::Sqlite(pool, ..) => {
            let tables: Vec<String> =
                sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'")
                    .fetch_all(pool)
                    .await
                    .unwrap();
            for t in tables {
                let columns: Vec<String> =
                    sqlx::query_scalar("SELECT name FROM pragma_table_info($1)")
                        .bind(&t)
                        .fetch_all(pool)
                        .await
                        .unwrap();
                for c in columns {
                    // Text cells only: numbers hold no token, blobs are checksums.
                    let sql = format!("SELECT \"{c}\" FROM \"{t}\" WHERE typeof(\"{c}\") = 'text'");
                    let values: Vec<Option<String>> =
                        sqlx::query_scalar(&sql).fetch_all(pool).await.unwrap();
                    cells.extend(
                        values
                            .into_iter()
                            .flatten()
                            .map(|v| (t.clone(), c.clone(), v)),
                    );
                }
            }
        }
        Db::Postgres(pool, ..) => {
            let columns: Vec<(String, String)> = sqlx::query_as(
                "SELECT table_name::text, column_name::text FROM information_schema.columns \
                 WHERE table_schema = 'public'",
            )
            .fetch_all(pool)
            .await
            .unwrap();
            for (t, c) in columns {
                let sql = format!("SELECT \"{c}\"::text FROM \"{t}\"");
                let values: Vec<Option<String>> =
                    sqlx::query_scalar(&sql).fetch_all(pool).await.unwrap();
                cells.extend(
                    values
                        .into_iter()
                        .flatten()
                        .map(|v| (t.clone(), c.clone(), v)),
                );
            }
        }
    }
    cells
}

#[tokio::test]
async fn no_session_csrf_or_invitation_token_nor_password_is_stored_in_the_clear() {
    let app = TestApp::spawn().await;
    let signup = json!({"email": "olga@acme.com", "password": PASSWORD, "name": "Olga"});
    let signed_up = open(&app, "/auth/signup", signup, 201).await;
    let login = json!({"email": "olga@acme.com", "password": PASSWORD});
    let logged_in = open(&app, "/auth/login", login, 200).await;
    let owner = app.signup("owner@acme.com", "Owner").await;
    let tom = app.signup("tom@acme.com", "Tom").await;
    let ws = owner.create_workspace("Acme").await.id;
    let res = owner
        .post(
            &format!("/workspaces/{ws}/invitations"),
            &json!({"invites": [
                {"email": "tom@acme.com", "role": "viewer"},
                {"email": "ghost@acme.com", "role": "editor"},
                {"email": "kim@acme.com", "role": "editor"},
            ]}),
        )
        .await;
    let results: Value = res.json().await.unwrap();
    let id = |i: usize| {
        results["results"][i]["invitation_id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let mut secrets = vec![
        ("session token", signed_up.cookie),
        ("session token", logged_in.cookie),
        ("CSRF token", signed_up.csrf),
        ("CSRF token", logged_in.csrf),
        ("CSRF token", owner.csrf.clone()),
        ("password", PASSWORD.to_owned()),
        (
            "invitation token",
            app.latest_invite_token("tom@acme.com").await,
        ),
        (
            "invitation token",
            app.latest_invite_token("kim@acme.com").await,
        ),
    ];
    let resend = owner
        .post(
            &format!("/workspaces/{ws}/invitations/{}/resend", id(1)),
            &json!({}),
        )
        .await;
    assert!(resend.status().is_success(), "resend: {}", resend.status());
    secrets.push((
        "invitation token",
        app.latest_invite_token("ghost@acme.com").await,
    ));
    let link: Value = owner
        .get_ok(&format!("/workspaces/{ws}/invitations/{}/link", id(0)))
        .await;
    let link_token = link["url"]
        .as_str()
        .unwrap()
        .split("token=")
        .nth(1)
        .unwrap();
    secrets.push(("invitation token", link_token.to_owned()));
    let res = tom
        .post("/invitations/accept", &json!({"token": link_token}))
        .await;
    assert_eq!(res.status(), 200);
    let kim = app.signup("kim@acme.com", "Kim").await;
    let res = kim
        .post(&format!("/invitations/{}/accept", id(2)), &json!({}))
        .await;
    assert_eq!(res.status(), 200);
    let cells = dump(&app.db).await;
    assert!(
        cells.iter().any(|(t, _, _)| t == "sessions"),
        "the dump reads the tables"
    );
    for (what, secret) in &secrets {
        assert!(secret.len() >= 16, "{what} {secret}");
        for (table, column, value) in &cells {
            // The outbox is the admin-readable copy of mail that would have
            // gone out by SMTP: an invitation's body carries its link, token
            // included, by design (PRODUCT.md, "Invitations"). It is the one
            // place a token rests in the clear, readable only by admins.
            if (table.as_str(), column.as_str()) == ("outbox", "body") {
                continue;
            }
            assert!(
                !value.contains(secret.as_str()),
                "a {what} is stored in the clear in {table}.{column}"
            );
        }
    }
}
