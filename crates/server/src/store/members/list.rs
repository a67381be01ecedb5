//! The team table's query: sort, filters, keyset pages, and substring
//! search that stays fast on large workspaces.

use super::MemberRecord;
use super::columns::{MEMBER_COLUMNS, MemberCols};
use crate::store::standing::{self, Found, PAGE_COLUMNS};
use crate::store::{Dialect, StoreResult, Tx};

/// The column a team-table page is ordered by (then by id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberSort {
    /// Display name.
    Name,
    /// Email.
    Email,
    /// Role key.
    Role,
    /// Join time.
    Joined,
}

impl MemberSort {
    fn column(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Email => "email",
            Self::Role => "role",
            Self::Joined => "joined_at",
        }
    }

    /// The sort key of a record, as stored in a cursor.
    pub fn key_of(self, m: &MemberRecord) -> String {
        match self {
            Self::Name => m.name.clone(),
            Self::Email => m.email.clone(),
            Self::Role => m.role.clone(),
            Self::Joined => m.joined_at.clone(),
        }
    }
}

/// One page request of the team table.
#[derive(Debug, Clone)]
pub struct MemberPage {
    /// Matches name or email (case-insensitive substring).
    pub q: Option<String>,
    /// Only this status.
    pub status: Option<String>,
    /// Order column.
    pub sort: MemberSort,
    /// Descending instead of ascending.
    pub descending: bool,
    /// Start after this (sort key, id).
    pub after: Option<(String, String)>,
    /// Rows to return.
    pub limit: u32,
}

/// The caller's standing in the workspace (as [`standing::find_standing`])
/// and one page of its members, in one statement (see
/// [`standing::leading_one_row`] and [`standing::leading`]): one round trip
/// instead of two. Only for a page that [`is_led_page`]. The caller decides
/// on the standing before it uses the page. Pages are by keyset (no
/// OFFSET): the cost does not grow with the page number.
pub async fn list_members_led(
    tx: &mut Tx,
    workspace_id: &str,
    user_id: &str,
    page: &MemberPage,
) -> StoreResult<(Option<Found>, Vec<MemberRecord>)> {
    let dialect = tx.dialect();
    let mode = own_gram(page).map_or(Mode::Plain, Mode::Grams);
    if dialect == Dialect::Sqlite {
        let mut q = query(workspace_id, page, mode, dialect, MEMBER_COLUMNS);
        q.args.push(user_id.to_owned());
        q.sql = standing::leading_one_row(q.args.len(), &q.sql);
        let row = run(tx, &q).await?.pop();
        return standing::split_one_row(row, workspace_id);
    }
    let mut q = query(workspace_id, page, mode, dialect, &PAGE_COLUMNS);
    q.args.push(user_id.to_owned());
    q.sql = standing::leading(q.args.len(), &q.sql);
    standing::split(run(tx, &q).await?, workspace_id)
}

/// Whether [`list_members_led`] may read `page`: one whose cost is known
/// before it runs, as a page without a search term, or a search in name
/// order for a term of three characters (its own trigram: the walk reads
/// only the entries it returns, and its plan does not depend on the term).
pub fn is_led_page(page: &MemberPage) -> bool {
    page.q.is_none() || own_gram(page).is_some()
}

/// The term of a search in name order when it is one trigram (three
/// characters, lower-cased as [`like_pattern`] does).
fn own_gram(page: &MemberPage) -> Option<String> {
    let q = page.q.as_deref()?;
    let gram = first_gram(q)?;
    (page.sort == MemberSort::Name && gram.len() == q.to_lowercase().len()).then_some(gram)
}

/// One page of a workspace's members, by keyset; for a search that does
/// not [`is_led_page`], read after the caller's standing has been decided
/// on. Led by the standing, such a search ran slower on both databases:
/// PostgreSQL plans a search afresh on every run (the pattern decides the
/// plan) and a bigger statement costs more to plan; SQLite copies each row
/// of a UNION ALL's subquery.
///
/// A search (`q`) runs one query for the page on either database. In name
/// order (the team table's default) a term of three characters walks its
/// trigram's list (`member_grams`, migration 0008), where every entry
/// matches, so it costs about what a page without a term does (at 100,000
/// members, "mar" went from 2,200 to 7,000 pages a second on SQLite, where
/// the walk in name order passed 3,200 members for a page). Otherwise
/// PostgreSQL's planner estimates how many rows the pattern matches, and
/// walks the sort order for a common term or asks the pg_trgm indexes for a
/// rare one. SQLite plans without such estimates, so it is told: a term its
/// FTS5 trigram index counts as rare (a capped count, tens of microseconds)
/// goes to that index; any other walks, in name order, the list of its
/// first trigram (which holds every match, and fewer other members than the
/// name order does), and in other orders the sort order itself, until the
/// page is full. In name or email order that walk tests each member on the
/// index entry, which holds both (migration 0007), and reads only the rows
/// it returns; in role or join-time order it reads each member it passes.
pub async fn list_members(
    tx: &mut Tx,
    workspace_id: &str,
    page: &MemberPage,
) -> StoreResult<Vec<MemberRecord>> {
    let dialect = tx.dialect();
    let mode = search_mode(tx, page).await?;
    let q = query(workspace_id, page, mode, dialect, MEMBER_COLUMNS);
    let rows: Vec<MemberCols> = run(tx, &q).await?;
    rows.into_iter()
        .map(|r| r.into_page_member(workspace_id))
        .collect()
}

/// How a page with a search term finds its members (see [`list_members`]).
async fn search_mode(tx: &mut Tx, page: &MemberPage) -> StoreResult<Mode> {
    if let Some(own) = own_gram(page) {
        return Ok(Mode::Grams(own));
    }
    let Some((q, gram)) = page.q.as_deref().and_then(|q| Some((q, first_gram(q)?))) else {
        return Ok(Mode::Plain);
    };
    let by_name = page.sort == MemberSort::Name;
    Ok(match tx.dialect() {
        Dialect::Sqlite if is_dense(tx, q).await? => {
            if by_name {
                Mode::Grams(gram)
            } else {
                Mode::Plain
            }
        }
        Dialect::Sqlite => Mode::Indexed,
        Dialect::Postgres => Mode::Plain,
    })
}

/// The first trigram of `q` lower-cased, as [`like_pattern`] lower-cases
/// it; `None` under three characters. (Lower-casing it again in SQL, as
/// the trigram lists are built, changes nothing: each database's `lower()`
/// folds no more than Rust's.)
fn first_gram(q: &str) -> Option<String> {
    let lower = q.to_lowercase();
    let end = lower.char_indices().nth(3).map_or(lower.len(), |(i, _)| i);
    (lower[..end].chars().count() == 3).then(|| lower[..end].to_owned())
}

/// Matches (in every workspace) past which joining the FTS matches costs
/// more than walking the workspace in sort order until a page is full.
/// Joining and sorting n matches costs about 3 µs per match. Testing one
/// index entry costs about 0.15 µs, and to fill a page (limit + 1 = 51 rows)
/// the walk passes about 51·N/n members of a workspace of N. They break
/// even where 3n = 0.15·51·N/n, at n ≈ √(2.55·N): about 500 at N = 100,000
/// and 1,600 at 1,000,000. The count covers every workspace and the walk
/// only this one, so a term common elsewhere but rare here walks the whole
/// workspace (about 30 ms at 100,000 members); that was so at 5,000 too.
const DENSE: i64 = 1_000;

/// Whether `q` matches so many members that the ordered scan is cheaper
/// than sorting the FTS matches (SQLite only; PostgreSQL's planner decides).
async fn is_dense(tx: &mut Tx, q: &str) -> StoreResult<bool> {
    let sql = format!(
        "SELECT COUNT(*) FROM (SELECT 1 FROM member_search WHERE member_search MATCH $1 \
         LIMIT {})",
        DENSE + 1
    );
    let n = crate::store::scalar!(tx, i64, fetch_one, &sql, fts_phrase(q))?;
    Ok(n > DENSE)
}

#[derive(Clone, PartialEq, Eq)]
enum Mode {
    /// Every filter on the workspace's rows in sort order.
    Plain,
    /// The search narrowed by the FTS5 trigram index first (SQLite).
    Indexed,
    /// Name order, walking the members whose name or email holds this
    /// trigram (`member_grams`, migration 0008).
    Grams(String),
}

/// SQL and its text arguments, in order.
pub(super) struct Query {
    pub(super) sql: String,
    pub(super) args: Vec<String>,
}

/// The page's statement, selecting `columns`.
fn query(
    workspace_id: &str,
    page: &MemberPage,
    mode: Mode,
    dialect: Dialect,
    columns: &str,
) -> Query {
    match &mode {
        Mode::Grams(gram) => super::grams::grams_query(workspace_id, page, gram, dialect, columns),
        Mode::Plain => members_query(workspace_id, page, false, dialect, columns),
        Mode::Indexed => members_query(workspace_id, page, true, dialect, columns),
    }
}

/// The page's statement on `members` in sort order, narrowed first by the
/// FTS index when `indexed` (SQLite).
fn members_query(
    workspace_id: &str,
    page: &MemberPage,
    indexed: bool,
    dialect: Dialect,
    columns: &str,
) -> Query {
    let col = page.sort.column();
    let (cmp, dir) = if page.descending {
        ("<", "DESC")
    } else {
        (">", "ASC")
    };
    let mut args: Vec<String> = vec![workspace_id.to_owned()];
    let mut rows = format!("SELECT {columns} FROM members WHERE workspace_id = $1");
    if let Some(status) = &page.status {
        args.push(status.clone());
        rows.push_str(&format!(" AND status = ${}", args.len()));
    }
    if let Some((after, id)) = &page.after {
        args.push(after.clone());
        args.push(id.clone());
        let n = args.len();
        rows.push_str(&format!(" AND ({col}, id) {cmp} (${}, ${n})", n - 1));
    }
    let order = format!(" ORDER BY {col} {dir}, id {dir}");
    let mut search = String::new();
    if let Some(q) = &page.q {
        args.push(like_pattern(q));
        search = search_clause(dialect, args.len());
    }
    if indexed {
        // SQLite is told which members the FTS index matches.
        args.push(fts_phrase(page.q.as_deref().unwrap_or_default()));
        let n = args.len();
        // CROSS JOIN keeps the FTS matches as the outer loop: the cost
        // follows the matches, not the workspace's size.
        let matches = format!(
            "FROM (SELECT k.member_id FROM member_search s JOIN member_search_keys k \
             ON k.seq = s.rowid WHERE member_search MATCH ${n}) AS f \
             CROSS JOIN members ON members.id = f.member_id WHERE"
        );
        rows = rows.replacen("FROM members WHERE", &matches, 1);
    }
    let sql = format!("{rows}{search}{order} LIMIT {}", page.limit);
    Query { sql, args }
}

async fn run<R>(tx: &mut Tx, q: &Query) -> StoreResult<Vec<R>>
where
    R: Send + Unpin,
    R: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>,
    R: for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>,
{
    Ok(match tx {
        Tx::Sqlite(t) => {
            let mut query = sqlx::query_as::<_, R>(&q.sql);
            for a in &q.args {
                query = query.bind(a);
            }
            query.fetch_all(&mut **t).await?
        }
        Tx::Postgres(t) => {
            let mut query = sqlx::query_as::<_, R>(&q.sql);
            for a in &q.args {
                query = query.bind(a);
            }
            query.fetch_all(&mut **t).await?
        }
    })
}

/// The test that a member's name or email holds the pattern bound as `$n`
/// (a [`like_pattern`]).
pub(super) fn search_clause(dialect: Dialect, n: usize) -> String {
    match dialect {
        // SQLite's LIKE already ignores ASCII case, and its lower() folds
        // nothing else: the same matches without a lower-cased copy of each
        // name and email the walk passes (twice as fast).
        Dialect::Sqlite => {
            format!(" AND (name LIKE ${n} ESCAPE '\\' OR email LIKE ${n} ESCAPE '\\')")
        }
        // PostgreSQL's LIKE is case-sensitive; its pg_trgm indexes are on the
        // lower-cased columns.
        Dialect::Postgres => format!(
            " AND (lower(name) LIKE ${n} ESCAPE '\\' OR lower(email) LIKE ${n} ESCAPE '\\')"
        ),
    }
}

/// `%q%` for LIKE, with `%`, `_` and `\` escaped, lower-cased.
pub(super) fn like_pattern(q: &str) -> String {
    let mut p = String::with_capacity(q.len() + 2);
    p.push('%');
    for c in q.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// `q` as one FTS5 phrase (a substring for the trigram tokenizer).
fn fts_phrase(q: &str) -> String {
    format!("\"{}\"", q.replace('"', "\"\""))
}
