//! The caller's standing in one workspace in a single statement: the
//! workspace row, the caller's member row (if any) and the number of active
//! owners — what every workspace-scoped request reads before deciding. The
//! team table's statement for a page without a search term (or with a
//! three-character one, in name order) starts with it, so such a page costs
//! one round trip.

use super::members::{MEMBER_COLUMNS, MemberCols, MemberRecord, page_as_json, page_from_json};
use super::workspaces::{Workspace, WorkspaceRow};
use super::{StoreResult, Tx, fetch};
use sqlx::{ColumnIndex, Decode, FromRow, Row};
use std::sync::LazyLock;

/// What a standing statement finds: the workspace, the caller's membership
/// of it, and its active owners.
pub type Found = (Workspace, Option<MemberRecord>, u32);

/// The caller's member columns, first in both statements, in
/// [`MemberCols`]' order.
const MEMBER: &str = "m.id AS m_id, m.user_id AS m_user_id, m.api_key_id AS m_api_key_id, \
    m.name AS m_name, m.email AS m_email, m.role AS m_role, m.status AS m_status, \
    m.feature_access AS m_feature_access, m.resource_access AS m_resource_access, \
    m.joined_at AS m_joined_at, m.invited_by AS m_invited_by";

/// The workspace's active owners.
const OWNERS: &str = "(SELECT COUNT(*) FROM members o WHERE o.workspace_id = w.id \
    AND o.role = 'owner' AND o.status = 'active') AS owners";

/// The rest of both statements, after the caller's placeholder.
const FROM: &str = " FROM workspaces w LEFT JOIN members m ON m.workspace_id = w.id \
    AND m.user_id = ";
const WHERE: &str = " WHERE w.id = $1 AND w.status <> 'deleted'";

/// The standing on its own: the workspace's columns by name (as
/// [`WorkspaceRow`]), the member's and the count by position.
static SQL: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT {MEMBER}, w.id, w.name, w.region, w.domain, w.logo_url, w.colour, \
         w.description, w.countries, w.status, w.created_at, {OWNERS}{FROM}$2{WHERE}"
    )
});

/// The workspace (unless missing or deleted), the user's membership of it,
/// and its active owners.
pub async fn find_standing(
    tx: &mut Tx,
    workspace_id: &str,
    user_id: &str,
) -> StoreResult<Option<Found>> {
    let row = fetch!(
        tx,
        StandingRow,
        fetch_optional,
        SQL.as_str(),
        workspace_id,
        user_id
    )?;
    Ok(row.map(|r| (r.ws.into(), r.me.into_member(workspace_id), count(r.owners))))
}

/// (PostgreSQL) A page's select list in a [`LeadRow`]'s shape and order: a
/// member's columns, then NULL for `ws` and a typed NULL for `owners`
/// (PostgreSQL types a bare NULL in a subquery as text).
pub(super) static PAGE_COLUMNS: LazyLock<String> =
    LazyLock::new(|| format!("{MEMBER_COLUMNS}, NULL, CAST(NULL AS BIGINT)"));

/// The workspace's columns as arguments of SQLite's `json_object` and
/// PostgreSQL's `json_build_object` (its `json_object` takes arrays).
const FIELDS: &str = "'id', w.id, 'name', w.name, 'region', w.region, \
    'domain', w.domain, 'logo_url', w.logo_url, 'colour', w.colour, \
    'description', w.description, 'countries', w.countries, 'status', w.status, \
    'created_at', w.created_at";

/// (SQLite) The standing (the caller is `$user`) and a whole page in one
/// row: the workspace as a JSON object, and `page` (selecting
/// [`MEMBER_COLUMNS`] in its order, with the workspace as `$1`) as one
/// JSON value (see [`page_as_json`]). PostgreSQL builds JSON
/// slowly (30 % fewer first pages a second this way): it takes [`leading`].
pub(super) fn leading_one_row(user: usize, page: &str) -> String {
    format!(
        "SELECT {MEMBER}, json_object({FIELDS}) AS ws, {OWNERS}, {} AS page{FROM}${user}{WHERE}",
        page_as_json(page)
    )
}

/// The standing and the page's members from a [`leading_one_row`]
/// statement's row (none when the workspace is missing or deleted).
pub(super) fn split_one_row(
    row: Option<LedPageRow>,
    workspace_id: &str,
) -> StoreResult<(Option<Found>, Vec<MemberRecord>)> {
    let Some(r) = row else {
        return Ok((None, Vec::new()));
    };
    let ws: WorkspaceRow = super::decode_json(&r.ws)?;
    let members = page_from_json(&r.page, workspace_id)?;
    let found = (ws.into(), r.me.into_member(workspace_id), count(r.owners));
    Ok((Some(found), members))
}

/// A row of [`leading_one_row`].
pub(super) struct LedPageRow {
    me: MemberCols,
    ws: String,
    owners: i64,
    page: String,
}

impl<'r, R> FromRow<'r, R> for LedPageRow
where
    R: Row,
    usize: ColumnIndex<R>,
    Option<String>: Decode<'r, R::Database>,
    String: Decode<'r, R::Database>,
    i64: Decode<'r, R::Database>,
{
    fn from_row(row: &'r R) -> Result<Self, sqlx::Error> {
        Ok(Self {
            me: MemberCols::at(row, 0)?,
            ws: row.try_get_unchecked(11)?,
            owners: row.try_get_unchecked(12)?,
            page: row.try_get_unchecked(13)?,
        })
    }
}

/// (PostgreSQL) The standing (the caller is `$user`), then the rows of
/// `page`, a statement selecting [`PAGE_COLUMNS`] with the workspace as
/// `$1`. PostgreSQL returns a UNION ALL's parts one after the other, and the
/// page keeps its own ORDER BY (PostgreSQL cannot split a part that ends in
/// LIMIT across parallel workers): its rows stay in the page's order.
///
/// The workspace travels as one JSON text column, as every page row has a
/// column for each of the standing's: ten NULLs more per row cost more to
/// copy and decode than one JSON object costs to build and parse (a long
/// description makes that object longer).
///
/// Measured at 100,000 members against a standing and a page apart: first
/// page +20 % req/s.
pub(super) fn leading(user: usize, page: &str) -> String {
    format!(
        "SELECT {MEMBER}, json_build_object({FIELDS})::text AS ws, {OWNERS}{FROM}${user}{WHERE} \
         UNION ALL SELECT * FROM ({page}) AS p"
    )
}

/// The standing (if the workspace was found) and the page's members, from
/// the rows of a [`leading`] statement.
pub(super) fn split(
    rows: Vec<LeadRow>,
    workspace_id: &str,
) -> StoreResult<(Option<Found>, Vec<MemberRecord>)> {
    let mut found = None;
    let mut members = Vec::with_capacity(rows.len());
    for r in rows {
        match (r.ws, r.owners) {
            (Some(ws), Some(owners)) => {
                let ws: WorkspaceRow = super::decode_json(&ws)?;
                found = Some((ws.into(), r.me.into_member(workspace_id), count(owners)));
            }
            _ => members.push(r.me.into_page_member(workspace_id)?),
        }
    }
    Ok((found, members))
}

fn count(owners: i64) -> u32 {
    u32::try_from(owners).unwrap_or(u32::MAX)
}

/// A row of [`SQL`].
struct StandingRow {
    me: MemberCols,
    ws: WorkspaceRow,
    owners: i64,
}

impl<'r, R> FromRow<'r, R> for StandingRow
where
    R: Row,
    usize: ColumnIndex<R>,
    Option<String>: Decode<'r, R::Database>,
    i64: Decode<'r, R::Database>,
    WorkspaceRow: FromRow<'r, R>,
{
    fn from_row(row: &'r R) -> Result<Self, sqlx::Error> {
        Ok(Self {
            me: MemberCols::at(row, 0)?,
            ws: WorkspaceRow::from_row(row)?,
            owners: row.try_get_unchecked(21)?,
        })
    }
}

/// A row of a [`leading`] statement: the standing (`ws` and `owners` set,
/// the caller's member columns when there is one) or one member of the page
/// (only the member columns set).
pub(super) struct LeadRow {
    me: MemberCols,
    ws: Option<String>,
    owners: Option<i64>,
}

impl<'r, R> FromRow<'r, R> for LeadRow
where
    R: Row,
    usize: ColumnIndex<R>,
    Option<String>: Decode<'r, R::Database>,
    Option<i64>: Decode<'r, R::Database>,
{
    fn from_row(row: &'r R) -> Result<Self, sqlx::Error> {
        Ok(Self {
            me: MemberCols::at(row, 0)?,
            ws: row.try_get_unchecked(11)?,
            owners: row.try_get_unchecked(12)?,
        })
    }
}
