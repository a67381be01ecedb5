//! The team table listing: keyset pages in every sort and order, text and
//! status filters, parameter checks, and isolation between workspaces.

use crate::members::team;
use crate::support::{TestApp, problem};
use roster_api::{MemberResponse, Page};
use roster_server::store::members::MemberRecord;
use serde_json::{Value, json};

#[tokio::test]
async fn members_page_by_cursor_in_every_sort_and_order_without_gaps() {
    let app = TestApp::spawn().await;
    let owner = app.signup("owner@acme.com", "Owner").await;
    let ws = owner.create_workspace("Acme").await.id;
    for i in 0..6 {
        let s = app.signup(&format!("m{i}@acme.com"), "M").await;
        app.add_member(&ws, &s, if i % 2 == 0 { "viewer" } else { "editor" })
            .await;
    }
    for sort in ["name", "email", "role", "joined"] {
        for order in ["asc", "desc"] {
            let mut seen = Vec::new();
            let mut cursor = String::new();
            loop {
                let page: Page<MemberResponse> = owner
                    .get_ok(&format!(
                        "/workspaces/{ws}/members?sort={sort}&order={order}&limit=2&cursor={cursor}"
                    ))
                    .await;
                assert!(page.items.len() <= 2);
                seen.extend(page.items.into_iter().map(|m| {
                    let key = match sort {
                        "name" => m.name,
                        "email" => m.email,
                        "role" => m.role,
                        _ => m.joined_at,
                    };
                    (key, m.id)
                }));
                match page.next_cursor {
                    Some(c) => cursor = c,
                    None => break,
                }
            }
            // In (key, id) order across the pages, each member once.
            let mut sorted = seen.clone();
            sorted.sort();
            if order == "desc" {
                sorted.reverse();
            }
            assert_eq!(seen, sorted, "{sort} {order}");
            sorted.dedup_by(|a, b| a.1 == b.1);
            assert_eq!((seen.len(), sorted.len()), (7, 7), "{sort} {order}");
        }
    }
    let page: Page<MemberResponse> = owner
        .get_ok(&format!(
            "/workspaces/{ws}/members?sort=email&order=desc&limit=3"
        ))
        .await;
    let emails: Vec<_> = page.items.iter().map(|m| m.email.as_str()).collect();
    assert_eq!(emails, ["owner@acme.com", "m5@acme.com", "m4@acme.com"]);
}

#[tokio::test]
async fn members_filter_by_text_and_status_and_refuse_bad_parameters() {
    let t = team().await;
    let ws = &t.ws;
    let page: Page<MemberResponse> = t
        .viewer
        .get_ok(&format!("/workspaces/{ws}/members?q=ADMIN"))
        .await;
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].id, t.admin_id);
    let page: Page<MemberResponse> = t
        .viewer
        .get_ok(&format!("/workspaces/{ws}/members?q=%25"))
        .await;
    assert!(page.items.is_empty(), "% is matched literally");
    let page: Page<MemberResponse> = t
        .viewer
        .get_ok(&format!("/workspaces/{ws}/members?status=deactivated"))
        .await;
    assert!(page.items.is_empty());
    for bad in [
        "sort=age",
        "order=up",
        "limit=0",
        "limit=201",
        "limit=x",
        "status=gone",
        "cursor=zzz",
    ] {
        let res = t
            .viewer
            .get(&format!("/workspaces/{ws}/members?{bad}"))
            .await;
        problem(res, 422, "validation").await;
    }
    let other = t.app.signup("eve@evil.com", "Eve").await;
    for query in ["", "?q=adm", "?sort=age"] {
        // The decision answers before the parameters are checked: an
        // outsider learns nothing from a bad query either.
        problem(
            other.get(&format!("/workspaces/{ws}/members{query}")).await,
            404,
            "not_a_member",
        )
        .await;
    }
}

#[tokio::test]
async fn search_finds_common_and_rare_terms_anywhere_in_a_large_workspace() {
    use roster_server::store::members::MemberRecord;
    let app = TestApp::spawn().await;
    let owner = app.signup("owner@acme.com", "Owner").await;
    let ws = owner.create_workspace("Acme").await.id;
    // 3,000 people sorted before one rare name: a common term (more matches
    // than SQLite sends to its FTS index) walks the name order, a rare one
    // takes the index.
    let mut rows: Vec<MemberRecord> = (0..3_000)
        .map(|i| MemberRecord {
            id: format!("mem_bulk_{i:05}"),
            workspace_id: ws.clone(),
            user_id: None,
            api_key_id: None,
            name: format!("Person {i:05}"),
            email: format!("p{i:05}@acme.com"),
            role: "viewer".to_owned(),
            status: "invited".to_owned(),
            feature_access: "\"all\"".to_owned(),
            resource_access: "\"all\"".to_owned(),
            joined_at: "2026-01-01T00:00:00.000000Z".to_owned(),
            invited_by: None,
        })
        .collect();
    let mut rare = rows[0].clone();
    rare.id = "mem_bulk_rare".to_owned();
    rare.name = "Zebulon Quux".to_owned();
    rare.email = "zeb@acme.com".to_owned();
    rows.push(rare);
    let mut tx = app.db.write().await.unwrap();
    roster_server::store::bulk::insert_members(&mut tx, &rows)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let found = |q: &'static str| {
        let owner = &owner;
        let ws = ws.clone();
        async move {
            let page: Page<MemberResponse> = owner
                .get_ok(&format!("/workspaces/{ws}/members?q={q}&limit=50"))
                .await;
            page.items.into_iter().map(|m| m.name).collect::<Vec<_>>()
        }
    };
    assert_eq!(found("quux").await, ["Zebulon Quux"], "rare: the FTS index");
    assert_eq!(found("QUU").await, ["Zebulon Quux"], "any case");
    assert_eq!(found("zeb%40acme").await, ["Zebulon Quux"], "by email");
    assert_eq!(found("qu").await, ["Zebulon Quux"], "two letters");
    assert_eq!(found("person").await.len(), 50, "common: a full page");
    assert_eq!(found("PERSON").await.len(), 50, "common, any case");
    // "Person 00000" to "Person 00999": as many matches as SQLite still sends
    // to its FTS index, which then sorts them for a full first page.
    for q in ["son%2000", "SON%2000"] {
        let page = found(q).await;
        assert_eq!(page.len(), 50, "{q}: a full page from the FTS index");
        assert_eq!(page[0], "Person 00000", "{q}: in name order");
        assert_eq!(page[49], "Person 00049", "{q}: in name order");
    }
    assert_eq!(found("%40ACME.COM").await.len(), 50, "common, by email");
    assert_eq!(found("02999").await, ["Person 02999"]);
    assert!(found("%25").await.is_empty(), "LIKE wildcards are literal");
    assert!(found("%22quux%22").await.is_empty(), "quotes are literal");
    // Members added, renamed or removed later are found accordingly.
    let xavier = app.signup("xavier@acme.com", "Xavier Rareword").await;
    let xid = app.add_member(&ws, &xavier, "viewer").await;
    assert_eq!(found("xavie").await.len(), 1);
    let res = owner
        .delete(&format!("/workspaces/{ws}/members/{xid}"))
        .await;
    assert_eq!(res.status(), 204);
    let res = owner
        .delete(&format!("/workspaces/{ws}/members/mem_bulk_rare"))
        .await;
    assert_eq!(res.status(), 204);
    assert!(found("xavie").await.is_empty());
    assert!(found("quux").await.is_empty());
}

#[tokio::test]
async fn team_table_rows_carry_every_field_in_every_plan() {
    let app = TestApp::spawn().await;
    let owner = app.signup("owner@acme.com", "Owner").await;
    let ws = owner.create_workspace("Acme").await.id;
    let zed = app.signup("zed@acme.com", "Zed").await;
    // Every column distinct from its neighbours, so a column read from the
    // wrong position shows.
    let zed_row = MemberRecord {
        id: "mem_every_field".to_owned(),
        workspace_id: ws.clone(),
        user_id: Some(zed.user_id.clone()),
        api_key_id: None,
        name: "Zed Quill".to_owned(),
        email: "zed@acme.com".to_owned(),
        role: "editor".to_owned(),
        status: "deactivated".to_owned(),
        feature_access: r#"["dashboard"]"#.to_owned(),
        resource_access: r#""all""#.to_owned(),
        joined_at: "2026-02-03T04:05:06.000007Z".to_owned(),
        invited_by: Some(owner.user_id.clone()),
    };
    app.insert_member(&zed_row).await;
    app.insert_member(&MemberRecord {
        id: "mem_second".to_owned(),
        user_id: None,
        api_key_id: Some("key_second".to_owned()),
        // What a page read as one JSON value (SQLite) must carry unchanged.
        name: "Second \"Quill\" \\ \u{1}Ünïcødé 👩‍💻".to_owned(),
        email: String::new(),
        joined_at: "2026-03-01T00:00:00.000000Z".to_owned(),
        invited_by: None,
        ..zed_row.clone()
    })
    .await;
    let expected = json!({
        "id": "mem_every_field",
        "user_id": zed.user_id,
        "name": "Zed Quill",
        "email": "zed@acme.com",
        "role": "editor",
        "status": "deactivated",
        "feature_access": ["dashboard"],
        "resource_access": "all",
        "joined_at": "2026-02-03T04:05:06.000007Z",
        "invited_by": owner.user_id,
    });
    // No search term (standing and page in one statement, with the status
    // and cursor placeholders), a rare term (SQLite's trigram index), a
    // short one (the walk) and one trigram (its list, led by the standing).
    for query in [
        "status=deactivated&sort=joined",
        "q=zed%20q",
        "q=ze",
        "q=ZED&status=deactivated",
    ] {
        let page: Page<Value> = owner
            .get_ok(&format!("/workspaces/{ws}/members?{query}&limit=1"))
            .await;
        assert_eq!(page.items, std::slice::from_ref(&expected), "{query}");
    }
    let first: Page<MemberResponse> = owner
        .get_ok(&format!(
            "/workspaces/{ws}/members?status=deactivated&sort=joined&limit=1"
        ))
        .await;
    let cursor = first.next_cursor.expect("a second deactivated member");
    let second: Page<MemberResponse> = owner
        .get_ok(&format!(
            "/workspaces/{ws}/members?status=deactivated&sort=joined&limit=1&cursor={cursor}"
        ))
        .await;
    let rows: Vec<_> = second
        .items
        .iter()
        .map(|m| (m.id.as_str(), m.name.as_str()))
        .collect();
    assert_eq!(
        (rows, second.next_cursor),
        (
            vec![("mem_second", "Second \"Quill\" \\ \u{1}Ünïcødé 👩‍💻")],
            None
        )
    );
}
