//! The team table listing: keyset pages in every sort and order, text and
//! status filters, parameter checks, and isolation between workspaces.

use crate::members::team;
use crate::support::{TestApp, problem};
use roster_api::{MemberResponse, Page};

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
                seen.extend(page.items.into_iter().map(|m| m.id));
                match page.next_cursor {
                    Some(c) => cursor = c,
                    None => break,
                }
            }
            let mut unique = seen.clone();
            unique.sort();
            unique.dedup();
            assert_eq!((seen.len(), unique.len()), (7, 7), "{sort} {order}");
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
    problem(
        other.get(&format!("/workspaces/{ws}/members")).await,
        404,
        "not_a_member",
    )
    .await;
}
