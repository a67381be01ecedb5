//! The team table's search in name order through the trigram lists
//! (`member_grams`, migration 0008): per workspace, status and trigram, the
//! members whose lower-cased name or email holds it, in (name, id) order.

use super::list::{MemberPage, Query, like_pattern, search_clause};
use crate::store::Dialect;

/// Every status a member can have: a page without a status filter merges
/// one list per status. (A test holds it to roster-model's statuses.)
const STATUSES: [&str; 3] = ["active", "invited", "deactivated"];

/// The page's statement, selecting `columns`. With a status filter it
/// walks that status's list of `gram` from the cursor, reading each member
/// it passes; without one it merges the lists of every status and then
/// reads the page's members. A term longer than its trigram is tested on each
/// member passed; the trigram itself needs no test (every member on its
/// list matches). SQLite merges the lists as it walks them; PostgreSQL 15
/// cannot (it reads each list whole and sorts), so each of its lists stops
/// at a page and the merge sorts at most one page per status. `reordered`: the caller orders the page's rows itself
/// (SQLite's JSON page does), so a merged page skips its final sort.
pub(super) fn grams_query(
    workspace_id: &str,
    page: &MemberPage,
    gram: &str,
    dialect: Dialect,
    columns: &str,
    reordered: bool,
) -> Query {
    let (cmp, dir) = if page.descending {
        ("<", "DESC")
    } else {
        (">", "ASC")
    };
    let mut args = vec![workspace_id.to_owned(), gram.to_owned()];
    let statuses: Vec<String> = match &page.status {
        Some(status) => {
            args.push(status.clone());
            vec![format!("${}", args.len())]
        }
        None => STATUSES.iter().map(|s| format!("'{s}'")).collect(),
    };
    let mut walk = String::new();
    if let Some((after, id)) = &page.after {
        args.push(after.clone());
        args.push(id.clone());
        let n = args.len();
        walk = format!(" AND (g.member_name, g.member_id) {cmp} (${}, ${n})", n - 1);
    }
    // SQLite's CROSS JOIN keeps the list as the outer loop.
    let join = match dialect {
        Dialect::Sqlite => "CROSS JOIN members ON members.id = g.member_id",
        Dialect::Postgres => "JOIN members ON members.id = g.member_id",
    };
    let q = page.q.as_deref().unwrap_or_default();
    let tested = q.to_lowercase() != gram;
    if tested {
        args.push(like_pattern(q));
        walk.push_str(&search_clause(dialect, args.len()));
    }
    let list = |status: &str| {
        format!(
            "member_grams AS g WHERE g.workspace_id = $1 AND g.member_status = {status} AND g.gram = $2{walk}"
        )
    };
    let limit = page.limit;
    let by = format!(" ORDER BY g.member_name {dir}, g.member_id {dir}");
    let sql = match statuses.as_slice() {
        [status] => {
            let list = list(status).replacen(" WHERE", &format!(" {join} WHERE"), 1);
            format!("SELECT {columns} FROM {list} AND members.workspace_id = $1{by} LIMIT {limit}")
        }
        _ => {
            let reading = if tested {
                format!(" {join}")
            } else {
                String::new()
            };
            let arms: Vec<String> = statuses
                .iter()
                .map(|status| {
                    let list = list(status).replacen(" WHERE", &format!("{reading} WHERE"), 1);
                    let arm = format!("SELECT g.member_name, g.member_id FROM {list}");
                    match dialect {
                        Dialect::Sqlite => arm,
                        // PostgreSQL (15) reads every arm whole and sorts:
                        // each stops at a page.
                        Dialect::Postgres => format!("({arm}{by} LIMIT {limit})"),
                    }
                })
                .collect();
            let order = if reordered { "" } else { &by };
            format!(
                "SELECT {columns} FROM ({} ORDER BY 1 {dir}, 2 {dir} LIMIT {limit}) AS g {join} \
                 WHERE members.workspace_id = $1{order}",
                arms.join(" UNION ALL ")
            )
        }
    };
    Query {
        sql,
        args,
        // The same order in the page's columns: a list's member_name and
        // member_id are the member's name and id.
        order: format!(" ORDER BY name {dir}, id {dir}"),
    }
}

#[cfg(test)]
mod tests {
    use super::STATUSES;
    use roster_model::member::MemberStatus;

    #[test]
    fn every_status_has_its_list() {
        for status in [
            MemberStatus::Active,
            MemberStatus::Invited,
            MemberStatus::Deactivated,
        ] {
            // A new status fails to compile here until it is listed.
            let word = match status {
                MemberStatus::Active | MemberStatus::Invited | MemberStatus::Deactivated => {
                    serde_json::to_value(status).unwrap()
                }
            };
            assert!(STATUSES.contains(&word.as_str().unwrap()), "{word}");
        }
    }
}
