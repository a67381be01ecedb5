//! The team table's search over its trigram lists: every term, status and
//! order pages exactly as the filtered table does, and the lists follow
//! renames, removals and status changes.

use crate::support::{TestApp, problem};
use roster_api::{MemberResponse, Page};
use roster_server::store::members::MemberRecord;

#[tokio::test]
async fn searches_page_by_cursor_as_the_filtered_table_in_both_orders() {
    let app = TestApp::spawn().await;
    let owner = app.signup("owner@acme.com", "Owner").await;
    let ws = owner.create_workspace("Acme").await.id;
    // Names that hold "mar" anywhere, in any case, some many times (the id
    // breaks the tie), and emails that hold it where the name does not.
    // "@acm" matches over 1,000 members (SQLite walks its first trigram's
    // list, which "@acn" shares, and tests each member).
    let names = [
        "Mara Quist",
        "Omar Diaz",
        "Ana Kumar",
        "MARTIN Lee",
        "Lee Smart",
        "Zoe Ng",
    ];
    let rows: Vec<MemberRecord> = (0..2_400)
        .map(|i| MemberRecord {
            id: format!("mem_grams_{:04}", (i * 7) % 2_400),
            workspace_id: ws.clone(),
            user_id: None,
            api_key_id: None,
            name: names[i % names.len()].to_owned(),
            email: format!(
                "{}{i}@ac{}.com",
                ["mar", "zoe", "ana"][i % 3],
                ["me", "ne"][i % 2]
            ),
            role: "viewer".to_owned(),
            status: ["invited", "active", "deactivated"][i / 2 % 3].to_owned(),
            feature_access: "\"all\"".to_owned(),
            resource_access: "\"all\"".to_owned(),
            joined_at: "2026-01-01T00:00:00.000000Z".to_owned(),
            invited_by: None,
        })
        .collect();
    let (zed, mary) = (
        app.signup("z@acme.com", "Zed").await.user_id,
        app.signup("y@acme.com", "Mar Y").await.user_id,
    );
    let mut tx = app.db.write().await.unwrap();
    roster_server::store::bulk::insert_members(&mut tx, &rows)
        .await
        .unwrap();
    // Renamed (as an invitee who joins is), removed and deactivated members
    // are kept up.
    use roster_server::store::members::{delete_member, update_member, update_member_joined};
    update_member_joined(&mut tx, "mem_grams_0000", &zed, "Zed", "z@acme.com", "x")
        .await
        .unwrap();
    update_member_joined(&mut tx, "mem_grams_0007", &mary, "Mar Y", "y@acme.com", "x")
        .await
        .unwrap();
    delete_member(&mut tx, &ws, "mem_grams_0014").await.unwrap();
    // "Lee Smart", deactivated, made active.
    let mut moved = rows
        .iter()
        .find(|m| m.id == "mem_grams_0028")
        .unwrap()
        .clone();
    assert_eq!(moved.status, "deactivated");
    moved.status = "active".to_owned();
    moved.role = "editor".to_owned();
    update_member(&mut tx, &moved).await.unwrap();
    tx.commit().await.unwrap();
    let pages = |query: String| {
        let owner = &owner;
        let ws = ws.clone();
        async move {
            let (mut all, mut cursor) = (Vec::new(), String::new());
            loop {
                let page: Page<MemberResponse> = owner
                    .get_ok(&format!(
                        "/workspaces/{ws}/members?limit=50&{query}{cursor}"
                    ))
                    .await;
                all.extend(
                    page.items
                        .into_iter()
                        .map(|m| (m.name, m.email, m.id, m.status)),
                );
                match page.next_cursor {
                    Some(next) => cursor = format!("&cursor={next}"),
                    None => return all,
                }
            }
        }
    };
    for order in ["asc", "desc"] {
        for status in ["", "&status=active", "&status=deactivated"] {
            let table = pages(format!("sort=name&order={order}{status}")).await;
            let mut sorted = table.clone();
            sorted.sort_by(|a, b| (&a.0, &a.2).cmp(&(&b.0, &b.2)));
            if order == "desc" {
                sorted.reverse();
            }
            assert_eq!(table, sorted, "(name, id) order {order}{status}");
            for q in ["mar", "MAR", "mAr", "art", "ar@", "mart", "@acm", "zzz"] {
                let found = pages(format!("sort=name&order={order}{status}&q={q}")).await;
                let term = q.to_lowercase();
                let expected: Vec<_> = table
                    .iter()
                    .filter(|(n, e, ..)| {
                        n.to_lowercase().contains(&term) || e.to_lowercase().contains(&term)
                    })
                    .cloned()
                    .collect();
                assert_eq!(found, expected, "q={q} order={order}{status}");
            }
        }
    }
    let found = pages("q=mar%20y".to_owned()).await;
    assert_eq!(found.len(), 1, "the renamed member under its new name");
    let found = pages("q=mar&status=active".to_owned()).await;
    assert!(
        found.iter().any(|m| m.2 == "mem_grams_0028"),
        "moved to active"
    );
    let found = pages("q=mar&status=deactivated".to_owned()).await;
    assert!(
        !found.iter().any(|m| m.2 == "mem_grams_0028"),
        "moved out of deactivated"
    );
    // The last trigram of the longest name and email a member can have.
    let longest = MemberRecord {
        id: "mem_longest".to_owned(),
        name: format!("{}Qzx", "n".repeat(97)),
        email: format!("{}@kwv.example", "e".repeat(242)),
        ..rows[3].clone()
    };
    assert_eq!((longest.name.len(), longest.email.len()), (100, 254));
    app.insert_member(&longest).await;
    for q in ["QZX", "kwv", "ple"] {
        let ids: Vec<_> = pages(format!("q={q}"))
            .await
            .into_iter()
            .map(|m| m.2)
            .collect();
        assert_eq!(ids, ["mem_longest"], "{q}");
    }
    // Who is not a member learns nothing, however cheap the search.
    let outsider = app.signup("out@else.com", "Out Sider").await;
    let res = outsider
        .get(&format!("/workspaces/{ws}/members?q=mar"))
        .await;
    problem(res, 404, "not_a_member").await;
}
