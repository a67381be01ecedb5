//! The team table's query: filters, sort, and opaque keyset cursors
//! (base64url JSON of sort, order, last key, last id).

use crate::error::AppError;
use crate::ops::{Caller, access};
use crate::state::AppState;
use crate::store::members::{self, MemberPage, MemberRecord, MemberSort};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use roster_api::ListMembersQuery as MemberQuery;
use roster_api::page::{DEFAULT_LIMIT, MAX_LIMIT};
use roster_model::{Action, authorize};

fn sort_of(s: Option<&str>) -> Result<(MemberSort, &'static str), AppError> {
    match s.unwrap_or("name") {
        "name" => Ok((MemberSort::Name, "name")),
        "email" => Ok((MemberSort::Email, "email")),
        "role" => Ok((MemberSort::Role, "role")),
        "joined" => Ok((MemberSort::Joined, "joined")),
        _ => Err(AppError::field(
            "sort",
            "Sort by name, email, role or joined.",
        )),
    }
}

fn encode(sort: &str, desc: bool, key: &str, id: &str) -> String {
    let json = serde_json::json!([sort, desc, key, id]).to_string();
    URL_SAFE_NO_PAD.encode(json)
}

fn decode(cursor: &str, sort: &str, desc: bool) -> Result<(String, String), AppError> {
    let bad = || {
        AppError::field(
            "cursor",
            "This cursor is not valid for this list; start again.",
        )
    };
    let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| bad())?;
    let (s, d, key, id): (String, bool, String, String) =
        serde_json::from_slice(&bytes).map_err(|_| bad())?;
    if s == sort && d == desc {
        Ok((key, id))
    } else {
        Err(bad())
    }
}

fn page_of(q: &MemberQuery) -> Result<(MemberPage, &'static str), AppError> {
    let (sort, sort_name) = sort_of(q.sort.as_deref())?;
    let descending = match q.order.as_deref().unwrap_or("asc") {
        "asc" => false,
        "desc" => true,
        _ => return Err(AppError::field("order", "Use asc or desc.")),
    };
    let limit = q.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(AppError::field("limit", format!("Use 1 to {MAX_LIMIT}.")));
    }
    if let Some(s) = q.status.as_deref()
        && !matches!(s, "active" | "invited" | "deactivated")
    {
        return Err(AppError::field(
            "status",
            "Use active, invited or deactivated.",
        ));
    }
    let after = q
        .cursor
        .as_deref()
        .filter(|c| !c.is_empty())
        .map(|c| decode(c, sort_name, descending))
        .transpose()?;
    let text = q.q.as_deref().map(str::trim).filter(|t| !t.is_empty());
    let page = MemberPage {
        q: text.map(|t| t.chars().take(200).collect()),
        status: q.status.clone(),
        sort,
        descending,
        after,
        limit: limit + 1,
    };
    Ok((page, sort_name))
}

/// One page of members and the cursor of the next (`None` on the last).
pub async fn list(
    state: &AppState,
    caller: &Caller,
    workspace_id: &str,
    query: &MemberQuery,
) -> Result<(Vec<MemberRecord>, Option<String>), AppError> {
    let mut tx = state.db.read().await?;
    let (page, sort_name, mut rows) = match page_of(query) {
        Ok((page, sort_name)) if members::is_led_page(&page) => {
            // The standing leads the page in one statement; the page is used
            // only if the standing allows it (a page that leads costs no
            // more to read than a first page).
            let (found, rows) =
                members::list_members_led(&mut tx, workspace_id, &caller.user_id, &page).await?;
            let s = access::standing_of(found)?;
            authorize(&s.actor, &Action::ListMembers, &s.facts)?;
            (page, sort_name, rows)
        }
        parsed => {
            // Any other search may cost more than a page, so it runs only
            // once allowed; and who may not list learns nothing from a bad
            // query either.
            let s = access::standing(&mut tx, workspace_id, &caller.user_id).await?;
            authorize(&s.actor, &Action::ListMembers, &s.facts)?;
            let (page, sort_name) = parsed?;
            let rows = members::list_members(&mut tx, workspace_id, &page).await?;
            (page, sort_name, rows)
        }
    };
    tx.commit().await?;
    let want = (page.limit - 1) as usize;
    let next = if rows.len() > want {
        rows.truncate(want);
        rows.last()
            .map(|m| encode(sort_name, page.descending, &page.sort.key_of(m), &m.id))
    } else {
        None
    };
    Ok((rows, next))
}
