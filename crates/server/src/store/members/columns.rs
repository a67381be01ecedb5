//! A member's columns read by position, as the team table's pages and the
//! caller's standing decode them: finding each of a page's values by name
//! and checking its type cost more than the rest of decoding it (first page
//! at 100,000 members: +10 % req/s). On SQLite a page led by the standing
//! (no search term, or a three-character one in name order) arrives as one
//! JSON value instead, an array of the same columns per member
//! ([`page_as_json`]).

use super::MemberRecord;
use crate::store::{StoreError, StoreResult};
use sqlx::{ColumnIndex, Decode, FromRow, Row};

/// A member's columns without the workspace, in [`MemberCols`]' order.
pub(in crate::store) const MEMBER_COLUMNS: &str = "id, user_id, api_key_id, name, email, role, \
    status, feature_access, resource_access, joined_at, invited_by";

/// (SQLite) A page of members as one value: a scalar subquery that
/// aggregates the rows of `page` (a statement selecting [`MEMBER_COLUMNS`]
/// and ending in its own ORDER BY and LIMIT) into a JSON array of arrays, in the order `page` yields them.
/// SQLite runs such a subquery as a co-routine whose rows reach the
/// aggregate one at a time, in order (SQLite 3.46, as libsqlite3-sys 0.30
/// bundles it: a subquery with a LIMIT is never flattened, so its ORDER BY
/// stays). An ORDER BY inside the aggregate sorted them again through a
/// temporary b-tree: without it, at 100,000 members, a first page took 42 →
/// 30 µs (apsw on SQLite 3.46) and a "mar" page 85 → 69 µs (on 3.54). The
/// team-table tests check every page's order, so an SQLite that fed the
/// aggregate otherwise would fail them.
///
/// sqlx's SQLite driver copies every value of every row on its worker
/// thread and hands each row to the request's task through a channel: one
/// text of 51 members instead of 51 rows of eleven values each was +8 %
/// req/s and -8 % median latency on the first page at 100,000 members.
pub(in crate::store) fn page_as_json(page: &str) -> String {
    format!("(SELECT json_group_array(json_array({MEMBER_COLUMNS})) FROM ({page}) AS p)")
}

/// The members of a [`page_as_json`] value, in its order.
pub(in crate::store) fn page_from_json(
    json: &str,
    workspace_id: &str,
) -> StoreResult<Vec<MemberRecord>> {
    let rows: Vec<MemberCols> = crate::store::decode_json(json)?;
    rows.into_iter()
        .map(|cols| cols.into_page_member(workspace_id))
        .collect()
}

/// A member's eleven columns, read by position (from a row, or from a JSON
/// array: serde reads a struct from an array field by field), each of which
/// a standing statement may leave NULL (the caller's, when not a member).
#[derive(serde::Deserialize)]
pub(in crate::store) struct MemberCols {
    id: Option<String>,
    user_id: Option<String>,
    api_key_id: Option<String>,
    name: Option<String>,
    email: Option<String>,
    role: Option<String>,
    status: Option<String>,
    feature_access: Option<String>,
    resource_access: Option<String>,
    joined_at: Option<String>,
    invited_by: Option<String>,
}

impl MemberCols {
    /// The eleven columns from position `at` on, in [`MEMBER_COLUMNS`]'
    /// order, without each value's type check (every one is TEXT).
    pub(in crate::store) fn at<'r, R>(row: &'r R, at: usize) -> Result<Self, sqlx::Error>
    where
        R: Row,
        usize: ColumnIndex<R>,
        Option<String>: Decode<'r, R::Database>,
    {
        Ok(Self {
            id: row.try_get_unchecked(at)?,
            user_id: row.try_get_unchecked(at + 1)?,
            api_key_id: row.try_get_unchecked(at + 2)?,
            name: row.try_get_unchecked(at + 3)?,
            email: row.try_get_unchecked(at + 4)?,
            role: row.try_get_unchecked(at + 5)?,
            status: row.try_get_unchecked(at + 6)?,
            feature_access: row.try_get_unchecked(at + 7)?,
            resource_access: row.try_get_unchecked(at + 8)?,
            joined_at: row.try_get_unchecked(at + 9)?,
            invited_by: row.try_get_unchecked(at + 10)?,
        })
    }

    /// The member, unless the columns are NULL.
    pub(in crate::store) fn into_member(self, workspace_id: &str) -> Option<MemberRecord> {
        Some(MemberRecord {
            id: self.id?,
            workspace_id: workspace_id.to_owned(),
            user_id: self.user_id,
            api_key_id: self.api_key_id,
            name: self.name?,
            email: self.email?,
            role: self.role?,
            status: self.status?,
            feature_access: self.feature_access?,
            resource_access: self.resource_access?,
            joined_at: self.joined_at?,
            invited_by: self.invited_by,
        })
    }

    /// A page's member. Its columns are NOT NULL: a row without them is an
    /// error, not a shorter page (which would end the paging).
    pub(in crate::store) fn into_page_member(
        self,
        workspace_id: &str,
    ) -> StoreResult<MemberRecord> {
        self.into_member(workspace_id).ok_or_else(|| {
            StoreError::Db(sqlx::Error::Decode("a page row without a member".into()))
        })
    }
}

/// A row of exactly [`MEMBER_COLUMNS`].
impl<'r, R> FromRow<'r, R> for MemberCols
where
    R: Row,
    usize: ColumnIndex<R>,
    Option<String>: Decode<'r, R::Database>,
{
    fn from_row(row: &'r R) -> Result<Self, sqlx::Error> {
        Self::at(row, 0)
    }
}
