//! The team table's search in name order through the trigram lists
//! (`member_grams`, migrations 0008 and 0010): per workspace and trigram,
//! the members whose lower-cased name or email holds it, in (name, id)
//! order, one list for each status and one for all of them.

use super::list::{MemberPage, Query, like_pattern, search_clause};
use crate::store::Dialect;

/// The page's statement, selecting `columns`: it walks the list of `gram`
/// for the page's status (or for every status) from the cursor, reading
/// each member it passes. A term longer than its trigram is tested on each
/// member passed; the trigram itself needs no test (every member on its
/// list matches). The rows come in the list's order, which is the page's.
/// (Why a list of every status, and what it costs: migration 0010.)
pub(super) fn grams_query(
    workspace_id: &str,
    page: &MemberPage,
    gram: &str,
    dialect: Dialect,
    columns: &str,
) -> Query {
    let (cmp, dir) = if page.descending {
        ("<", "DESC")
    } else {
        (">", "ASC")
    };
    // PostgreSQL sees the list's arguments only when the statement runs
    // (each as an InitPlan's value), so that it plans the statement once:
    // a plan made for the values costs a small workspace's page less than
    // the generic one, and PostgreSQL would then plan every run afresh
    // (pgbench, 1 client, at 1,000 members: 0.33 ms a page instead of
    // 0.12; at 100,000 the same).
    let arg = |n: usize| match dialect {
        Dialect::Sqlite => format!("${n}"),
        Dialect::Postgres => format!("(SELECT ${n}::text)"),
    };
    let mut args = vec![workspace_id.to_owned(), gram.to_owned()];
    let mut walk = format!(" AND g.gram = {}", arg(2));
    if let Some(status) = &page.status {
        args.push(status.clone());
        walk.push_str(&format!(" AND g.member_status = {}", arg(args.len())));
    }
    if let Some((after, id)) = &page.after {
        args.push(after.clone());
        args.push(id.clone());
        let n = args.len();
        walk.push_str(&format!(
            " AND (g.member_name, g.member_id) {cmp} ({}, {})",
            arg(n - 1),
            arg(n)
        ));
    }
    let q = page.q.as_deref().unwrap_or_default();
    if q.to_lowercase() != gram {
        args.push(like_pattern(q));
        walk.push_str(&search_clause(dialect, args.len()));
    }
    // The list is the outer loop, and each member is read by id as it is
    // passed. SQLite keeps a CROSS JOIN's order. PostgreSQL would choose by
    // its estimates, which cannot know the trigram of a prepared statement:
    // in a small workspace it hashed every member of the table instead (a
    // page at 1,000 members: 0.9 ms instead of 0.14), and where its generic
    // plan looked costlier than one for the value it planned every run
    // afresh (about 0.3 ms). A LATERAL subquery it may not flatten (OFFSET
    // 0) leaves it one plan.
    let members = match dialect {
        Dialect::Sqlite => "CROSS JOIN members ON members.id = g.member_id",
        Dialect::Postgres => {
            "CROSS JOIN LATERAL (SELECT * FROM members WHERE members.id = g.member_id \
             OFFSET 0) AS members"
        }
    };
    let sql = format!(
        "SELECT {columns} FROM member_grams AS g {members} \
         WHERE g.workspace_id = {}{walk} AND members.workspace_id = $1 \
         ORDER BY g.member_name {dir}, g.member_id {dir} LIMIT {}",
        arg(1),
        page.limit
    );
    Query { sql, args }
}

#[cfg(test)]
mod tests {
    use super::{MemberPage, grams_query};
    use crate::store::Dialect;
    use crate::store::members::MemberSort;

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
        let q = grams_query("ws_1", &p, "mar", Dialect::Sqlite, "id");
        assert_eq!(q.args, ["ws_1", "mar", "active", "Mar", "mem_1", "%mari%"]);
        assert_eq!(q.sql.matches("member_grams").count(), 1, "{}", q.sql);
        assert!(q.sql.contains("g.member_status = $3"), "{}", q.sql);
        assert!(
            q.sql.contains("(g.member_name, g.member_id) > ($4, $5)"),
            "{}",
            q.sql
        );
        assert!(q.sql.contains("name LIKE $6"), "{}", q.sql);
        assert!(q.sql.contains("CROSS JOIN members"), "{}", q.sql);
        assert!(
            q.sql
                .ends_with("ORDER BY g.member_name ASC, g.member_id ASC LIMIT 51")
        );
    }

    #[test]
    fn without_a_status_one_list_is_walked_and_its_own_trigram_untested() {
        for dialect in [Dialect::Sqlite, Dialect::Postgres] {
            let p = page("MAR", None, true, true);
            let q = grams_query("ws_1", &p, "mar", dialect, "id");
            assert_eq!(q.args, ["ws_1", "mar", "Mar", "mem_1"]);
            assert_eq!(q.sql.matches("member_grams").count(), 1, "{}", q.sql);
            assert!(!q.sql.contains("member_status"), "{}", q.sql);
            let after = match dialect {
                Dialect::Sqlite => "(g.member_name, g.member_id) < ($3, $4)",
                Dialect::Postgres => {
                    "(g.member_name, g.member_id) < ((SELECT $3::text), (SELECT $4::text))"
                }
            };
            assert!(
                q.sql.contains(after) && !q.sql.contains("LIKE"),
                "{}",
                q.sql
            );
            assert!(
                q.sql
                    .ends_with("ORDER BY g.member_name DESC, g.member_id DESC LIMIT 51")
            );
        }
    }

    #[test]
    fn a_longer_term_is_tested_without_a_status_too() {
        // SQLite walks a common longer term's first trigram (see list.rs).
        let p = page("mari", None, false, false);
        let q = grams_query("ws_1", &p, "mar", Dialect::Sqlite, "id");
        assert_eq!(q.args, ["ws_1", "mar", "%mari%"]);
        assert!(q.sql.contains("(name LIKE $3"), "{}", q.sql);
        assert!(!q.sql.contains("member_status"), "{}", q.sql);
        // PostgreSQL's form, should its planner be given such a term.
        let q = grams_query("ws_1", &p, "mar", Dialect::Postgres, "id");
        assert!(q.sql.contains("lower(name) LIKE $3"), "{}", q.sql);
        assert!(
            q.sql.contains("CROSS JOIN LATERAL (SELECT * FROM members"),
            "{}",
            q.sql
        );
        assert!(
            q.sql
                .contains("g.workspace_id = (SELECT $1::text) AND g.gram = (SELECT $2::text)"),
            "{}",
            q.sql
        );
        assert!(q.sql.contains("OFFSET 0) AS members"), "{}", q.sql);
    }
}
