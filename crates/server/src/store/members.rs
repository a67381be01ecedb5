//! Members: the tie of a user (or API key) to a workspace. Name and email are
//! copied onto the member row so the team table pages by keyset on indexes
//! (workspace, name|email|joined_at|role, id) without joining users.

use super::{StoreResult, Tx, exec, fetch, scalar};

mod columns;
mod grams;
mod list;
pub(super) use columns::{MEMBER_COLUMNS, MemberCols, page_as_json, page_from_json};
pub use list::{MemberPage, MemberSort, is_led_page, list_members, list_members_led};

/// A member row as the server uses it; access lists stay JSON text here and
/// are parsed by the ops layer.
#[derive(Debug, Clone)]
pub struct MemberRecord {
    /// `mem_…`.
    pub id: String,
    /// Workspace.
    pub workspace_id: String,
    /// The user, for people.
    pub user_id: Option<String>,
    /// The API key, for machines.
    pub api_key_id: Option<String>,
    /// Display name (the user's or the key's).
    pub name: String,
    /// The user's email (empty for API keys).
    pub email: String,
    /// Role key (`owner`… or a custom role id).
    pub role: String,
    /// `active`, `invited` or `deactivated`.
    pub status: String,
    /// `"all"` or a JSON list.
    pub feature_access: String,
    /// `"all"` or a JSON list.
    pub resource_access: String,
    /// RFC 3339.
    pub joined_at: String,
    /// The inviting user, if any.
    pub invited_by: Option<String>,
}

#[derive(sqlx::FromRow)]
pub(super) struct MemberRow {
    id: String,
    workspace_id: String,
    user_id: Option<String>,
    api_key_id: Option<String>,
    name: String,
    email: String,
    role: String,
    status: String,
    feature_access: String,
    resource_access: String,
    joined_at: String,
    invited_by: Option<String>,
}

impl From<MemberRow> for MemberRecord {
    fn from(r: MemberRow) -> Self {
        Self {
            id: r.id,
            workspace_id: r.workspace_id,
            user_id: r.user_id,
            api_key_id: r.api_key_id,
            name: r.name,
            email: r.email,
            role: r.role,
            status: r.status,
            feature_access: r.feature_access,
            resource_access: r.resource_access,
            joined_at: r.joined_at,
            invited_by: r.invited_by,
        }
    }
}

const COLUMNS: &str = "id, workspace_id, user_id, api_key_id, name, email, role, status, \
                       feature_access, resource_access, joined_at, invited_by";

/// Adds a member; `StoreError::Unique` when the user already is one.
pub async fn insert_member(tx: &mut Tx, m: &MemberRecord) -> StoreResult<()> {
    exec!(
        tx,
        "INSERT INTO members (id, workspace_id, user_id, api_key_id, name, email, role, status, \
         feature_access, resource_access, joined_at, invited_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        &m.id,
        &m.workspace_id,
        &m.user_id,
        &m.api_key_id,
        &m.name,
        &m.email,
        &m.role,
        &m.status,
        &m.feature_access,
        &m.resource_access,
        &m.joined_at,
        &m.invited_by,
    )?;
    Ok(())
}

/// The member with this id in this workspace.
pub async fn find_member(
    tx: &mut Tx,
    workspace_id: &str,
    member_id: &str,
) -> StoreResult<Option<MemberRecord>> {
    let sql = format!("SELECT {COLUMNS} FROM members WHERE workspace_id = $1 AND id = $2");
    Ok(fetch!(tx, MemberRow, fetch_optional, &sql, workspace_id, member_id)?.map(Into::into))
}

/// The user's membership of this workspace.
pub async fn find_member_of_user(
    tx: &mut Tx,
    workspace_id: &str,
    user_id: &str,
) -> StoreResult<Option<MemberRecord>> {
    let sql = format!("SELECT {COLUMNS} FROM members WHERE workspace_id = $1 AND user_id = $2");
    Ok(fetch!(tx, MemberRow, fetch_optional, &sql, workspace_id, user_id)?.map(Into::into))
}

/// Active owners (users and API keys) of the workspace.
pub async fn count_active_owners(tx: &mut Tx, workspace_id: &str) -> StoreResult<u32> {
    let n = scalar!(
        tx,
        i64,
        fetch_one,
        "SELECT COUNT(*) FROM members WHERE workspace_id = $1 AND role = 'owner' \
         AND status = 'active'",
        workspace_id,
    )?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// Saves role, status and access of a member.
pub async fn update_member(tx: &mut Tx, m: &MemberRecord) -> StoreResult<()> {
    exec!(
        tx,
        "UPDATE members SET role = $1, status = $2, feature_access = $3, resource_access = $4 \
         WHERE id = $5 AND workspace_id = $6",
        &m.role,
        &m.status,
        &m.feature_access,
        &m.resource_access,
        &m.id,
        &m.workspace_id,
    )?;
    Ok(())
}

/// Removes a member.
pub async fn delete_member(tx: &mut Tx, workspace_id: &str, member_id: &str) -> StoreResult<()> {
    exec!(
        tx,
        "DELETE FROM members WHERE workspace_id = $1 AND id = $2",
        workspace_id,
        member_id,
    )?;
    Ok(())
}

/// Emails of members who have joined (active or deactivated).
pub async fn joined_emails_among(
    tx: &mut Tx,
    workspace_id: &str,
    emails: &[String],
) -> StoreResult<Vec<String>> {
    super::emails_among(
        tx,
        "SELECT email FROM members WHERE workspace_id = $1 AND status <> 'invited' AND email IN",
        workspace_id,
        emails,
    )
    .await
}

/// Seats taken: active and invited members.
pub async fn count_seats(tx: &mut Tx, workspace_id: &str) -> StoreResult<u32> {
    let n = scalar!(
        tx,
        i64,
        fetch_one,
        "SELECT COUNT(*) FROM members WHERE workspace_id = $1 AND status <> 'deactivated'",
        workspace_id,
    )?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// Turns an invited member into an active one for `user_id`.
pub async fn update_member_joined(
    tx: &mut Tx,
    member_id: &str,
    user_id: &str,
    name: &str,
    email: &str,
    joined_at: &str,
) -> StoreResult<()> {
    exec!(
        tx,
        "UPDATE members SET user_id = $1, name = $2, email = $3, status = 'active', \
         joined_at = $4 WHERE id = $5",
        user_id,
        name,
        email,
        joined_at,
        member_id,
    )?;
    Ok(())
}
