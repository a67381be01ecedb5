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
/// reads the page's members. A term longer than its trigram is tested on
/// each member passed; the trigram itself needs no test (every member on
/// its list matches). SQLite merges the lists as it walks them. PostgreSQL
/// 15 read each list whole and sorted, in every form tried (a UNION ALL
/// with ORDER BY, or in a subquery ordered outside), so each of its lists
/// stops at a page and the merge sorts at most a page per status.
/// `in_walk_order`: the caller keeps the rows in the order they come
/// (SQLite's JSON page does), so a merged page skips its final sort:
/// SQLite's CROSS JOIN reads the members in the merged lists' order.
pub(super) fn grams_query(
    workspace_id: &str,
    page: &MemberPage,
    gram: &str,
    dialect: Dialect,
    columns: &str,
    in_walk_order: bool,
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
        Dialect::Sqlite => " CROSS JOIN members ON members.id = g.member_id",
        Dialect::Postgres => " JOIN members ON members.id = g.member_id",
    };
    let q = page.q.as_deref().unwrap_or_default();
    let tested = q.to_lowercase() != gram;
    if tested {
        args.push(like_pattern(q));
        walk.push_str(&search_clause(dialect, args.len()));
    }
    // One status's list from the cursor, with `reading` the join that reads
    // each member passed (or nothing).
    let list = |status: &str, reading: &str| {
        format!(
            "member_grams AS g{reading} WHERE g.workspace_id = $1 \
             AND g.member_status = {status} AND g.gram = $2{walk}"
        )
    };
    let limit = page.limit;
    let by = format!(" ORDER BY g.member_name {dir}, g.member_id {dir}");
    let sql = if let [status] = statuses.as_slice() {
        format!(
            "SELECT {columns} FROM {} AND members.workspace_id = $1{by} LIMIT {limit}",
            list(status, join)
        )
    } else {
        let reading = if tested { join } else { "" };
        let arms: Vec<String> = statuses
            .iter()
            .map(|status| {
                let arm = format!(
                    "SELECT g.member_name, g.member_id FROM {}",
                    list(status, reading)
                );
                match dialect {
                    Dialect::Sqlite => arm,
                    Dialect::Postgres => format!("({arm}{by} LIMIT {limit})"),
                }
            })
            .collect();
        let order = if in_walk_order { "" } else { by.as_str() };
        format!(
            "SELECT {columns} FROM ({} ORDER BY 1 {dir}, 2 {dir} LIMIT {limit}) AS g{join} \
             WHERE members.workspace_id = $1{order} LIMIT {limit}",
            arms.join(" UNION ALL ")
        )
    };
    Query { sql, args }
}

#[cfg(test)]
mod tests {
    use super::{MemberPage, STATUSES, grams_query};
    use crate::store::Dialect;
    use crate::store::members::MemberSort;
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

    fn page(q: &str, status: Option<&str>, after: bool, descending: bool) -> MemberPage {
        MemberPage {
            q: Some(q.to_owned()),
            status: status.map(str::to_owned),
            sort: MemberSort::Name,
            descending,
            after: after.then(|| ("Mar".to_owned(), "mem_1".to_owned())),
            limit: 51,
        }
    }

    #[test]
    fn a_status_walks_its_list_and_a_longer_term_is_tested() {
        let p = page("Mari", Some("active"), true, false);
        let q = grams_query("ws_1", &p, "mar", Dialect::Sqlite, "id", false);
        assert_eq!(q.args, ["ws_1", "mar", "active", "Mar", "mem_1", "%mari%"]);
        assert_eq!(q.sql.matches("member_grams").count(), 1, "{}", q.sql);
        assert!(q.sql.contains("g.member_status = $3"), "{}", q.sql);
        assert!(
            q.sql.contains("(g.member_name, g.member_id) > ($4, $5)"),
            "{}",
            q.sql
        );
        assert!(q.sql.contains("name LIKE $6"), "{}", q.sql);
        assert!(
            q.sql
                .ends_with("ORDER BY g.member_name ASC, g.member_id ASC LIMIT 51")
        );
    }

    #[test]
    fn without_a_status_every_list_is_merged_and_its_own_trigram_untested() {
        for dialect in [Dialect::Sqlite, Dialect::Postgres] {
            let p = page("MAR", None, true, true);
            let q = grams_query("ws_1", &p, "mar", dialect, "id", false);
            assert_eq!(q.args, ["ws_1", "mar", "Mar", "mem_1"]);
            assert_eq!(q.sql.matches("member_grams").count(), 3, "{}", q.sql);
            assert_eq!(q.sql.matches("($3, $4)").count(), 3, "{}", q.sql);
            assert!(
                q.sql.contains("< ($3, $4)") && !q.sql.contains("LIKE"),
                "{}",
                q.sql
            );
            // PostgreSQL's lists stop at a page each.
            let pages = q.sql.matches("LIMIT 51").count();
            let expected = if dialect == Dialect::Sqlite { 2 } else { 5 };
            assert_eq!(pages, expected, "{}", q.sql);
            assert!(
                q.sql
                    .ends_with("ORDER BY g.member_name DESC, g.member_id DESC LIMIT 51")
            );
            // A caller that keeps the rows' order skips the final sort.
            let q = grams_query("ws_1", &p, "mar", dialect, "id", true);
            assert!(
                q.sql.ends_with("WHERE members.workspace_id = $1 LIMIT 51"),
                "{}",
                q.sql
            );
        }
    }

    #[test]
    fn a_merged_longer_term_is_tested_in_every_list() {
        let p = page("mari", None, false, false);
        let q = grams_query("ws_1", &p, "mar", Dialect::Sqlite, "id", false);
        assert_eq!(q.args, ["ws_1", "mar", "%mari%"]);
        assert_eq!(q.sql.matches("name LIKE $3").count(), 3, "{}", q.sql);
        assert_eq!(q.sql.matches("CROSS JOIN members").count(), 4, "{}", q.sql);
    }
}
