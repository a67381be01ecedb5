//! Invitations: one row per invite, holding only the hash of its token. The
//! invited person also has a member row with status `invited` (see members).

use super::{StoreResult, Tx, exec, fetch};

/// An invitation.
#[derive(Debug, Clone)]
pub struct Invitation {
    /// `inv_…`.
    pub id: String,
    /// Workspace.
    pub workspace_id: String,
    /// The invited member row.
    pub member_id: String,
    /// Normalised email.
    pub email: String,
    /// Role key offered.
    pub role: String,
    /// SHA-256 of the current token.
    pub token_hash: String,
    /// `pending`, `accepted`, `declined` or `revoked`.
    pub status: String,
    /// RFC 3339.
    pub expires_at: String,
    /// The inviting user.
    pub invited_by: Option<String>,
    /// RFC 3339.
    pub created_at: String,
    /// The workspace's name (filled by reads).
    pub workspace_name: String,
    /// The workspace's status (filled by reads).
    pub workspace_status: String,
}

#[derive(sqlx::FromRow)]
struct InvitationRow {
    id: String,
    workspace_id: String,
    member_id: String,
    email: String,
    role: String,
    token_hash: String,
    status: String,
    expires_at: String,
    invited_by: Option<String>,
    created_at: String,
    workspace_name: String,
    workspace_status: String,
}

impl From<InvitationRow> for Invitation {
    fn from(r: InvitationRow) -> Self {
        Self {
            id: r.id,
            workspace_id: r.workspace_id,
            member_id: r.member_id,
            email: r.email,
            role: r.role,
            token_hash: r.token_hash,
            status: r.status,
            expires_at: r.expires_at,
            invited_by: r.invited_by,
            created_at: r.created_at,
            workspace_name: r.workspace_name,
            workspace_status: r.workspace_status,
        }
    }
}

const SELECT: &str = "SELECT i.id, i.workspace_id, i.member_id, i.email, i.role, i.token_hash, \
    i.status, i.expires_at, i.invited_by, i.created_at, w.name AS workspace_name, \
    w.status AS workspace_status FROM invitations i JOIN workspaces w ON w.id = i.workspace_id";

/// Adds an invitation.
pub async fn insert_invitation(tx: &mut Tx, i: &Invitation) -> StoreResult<()> {
    exec!(
        tx,
        "INSERT INTO invitations (id, workspace_id, member_id, email, role, token_hash, status, \
         expires_at, invited_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        &i.id,
        &i.workspace_id,
        &i.member_id,
        &i.email,
        &i.role,
        &i.token_hash,
        &i.status,
        &i.expires_at,
        &i.invited_by,
        &i.created_at,
    )?;
    Ok(())
}

/// The invitation with this id (in a live workspace).
pub async fn find_invitation(tx: &mut Tx, id: &str) -> StoreResult<Option<Invitation>> {
    let sql = format!("{SELECT} WHERE i.id = $1 AND w.status <> 'deleted'");
    Ok(fetch!(tx, InvitationRow, fetch_optional, &sql, id)?.map(Into::into))
}

/// The invitation whose token hashes to `token_hash`.
pub async fn find_invitation_by_token(
    tx: &mut Tx,
    token_hash: &str,
) -> StoreResult<Option<Invitation>> {
    let sql = format!("{SELECT} WHERE i.token_hash = $1 AND w.status <> 'deleted'");
    Ok(fetch!(tx, InvitationRow, fetch_optional, &sql, token_hash)?.map(Into::into))
}

/// A workspace's invitations other than accepted or revoked ones, newest
/// first, keyset-paged on (created_at, id).
pub async fn list_invitations(
    tx: &mut Tx,
    workspace_id: &str,
    after: Option<(String, String)>,
    limit: u32,
) -> StoreResult<Vec<Invitation>> {
    let (key, id) = after.unwrap_or_else(|| ("9999".to_owned(), String::new()));
    let sql = format!(
        "{SELECT} WHERE i.workspace_id = $1 AND i.status IN ('pending', 'declined') \
         AND (i.created_at, i.id) < ($2, $3) ORDER BY i.created_at DESC, i.id DESC LIMIT {limit}"
    );
    let rows = fetch!(tx, InvitationRow, fetch_all, &sql, workspace_id, key, id)?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// Pending invitations addressed to `email`, in live workspaces.
pub async fn list_pending_for_email(tx: &mut Tx, email: &str) -> StoreResult<Vec<Invitation>> {
    let sql = format!(
        "{SELECT} WHERE i.email = $1 AND i.status = 'pending' AND w.status = 'active' \
         ORDER BY i.created_at, i.id"
    );
    let rows = fetch!(tx, InvitationRow, fetch_all, &sql, email)?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// Emails with a pending invitation to the workspace.
pub async fn pending_emails_among(
    tx: &mut Tx,
    workspace_id: &str,
    emails: &[String],
) -> StoreResult<Vec<String>> {
    super::emails_among(
        tx,
        "SELECT email FROM invitations WHERE workspace_id = $1 AND status = 'pending' AND email IN",
        workspace_id,
        emails,
    )
    .await
}

/// Sets an invitation's status.
pub async fn update_invitation_status(tx: &mut Tx, id: &str, status: &str) -> StoreResult<()> {
    exec!(
        tx,
        "UPDATE invitations SET status = $1 WHERE id = $2",
        status,
        id
    )?;
    Ok(())
}

/// Replaces the token (the old one stops working) and the expiry.
pub async fn update_invitation_token(
    tx: &mut Tx,
    id: &str,
    token_hash: &str,
    expires_at: &str,
) -> StoreResult<()> {
    exec!(
        tx,
        "UPDATE invitations SET token_hash = $1, expires_at = $2 WHERE id = $3",
        token_hash,
        expires_at,
        id,
    )?;
    Ok(())
}
