//! The caller's standing in one workspace in a single statement: the
//! workspace row, the caller's member row (if any) and the number of active
//! owners — what every workspace-scoped request reads before deciding.

use super::members::MemberRecord;
use super::workspaces::{Workspace, WorkspaceRow};
use super::{StoreResult, Tx, fetch};

#[derive(sqlx::FromRow)]
struct StandingRow {
    #[sqlx(flatten)]
    ws: WorkspaceRow,
    m_id: Option<String>,
    m_user_id: Option<String>,
    m_api_key_id: Option<String>,
    m_name: Option<String>,
    m_email: Option<String>,
    m_role: Option<String>,
    m_status: Option<String>,
    m_feature_access: Option<String>,
    m_resource_access: Option<String>,
    m_joined_at: Option<String>,
    m_invited_by: Option<String>,
    owners: i64,
}

const SQL: &str = "SELECT w.id, w.name, w.region, w.domain, w.logo_url, w.colour, \
    w.description, w.countries, w.status, w.created_at, \
    m.id AS m_id, m.user_id AS m_user_id, m.api_key_id AS m_api_key_id, m.name AS m_name, \
    m.email AS m_email, m.role AS m_role, m.status AS m_status, \
    m.feature_access AS m_feature_access, m.resource_access AS m_resource_access, \
    m.joined_at AS m_joined_at, m.invited_by AS m_invited_by, \
    (SELECT COUNT(*) FROM members o WHERE o.workspace_id = w.id AND o.role = 'owner' \
        AND o.status = 'active') AS owners \
    FROM workspaces w LEFT JOIN members m ON m.workspace_id = w.id AND m.user_id = $2 \
    WHERE w.id = $1 AND w.status <> 'deleted'";

/// The workspace (unless missing or deleted), the user's membership of it,
/// and its active owners.
pub async fn find_standing(
    tx: &mut Tx,
    workspace_id: &str,
    user_id: &str,
) -> StoreResult<Option<(Workspace, Option<MemberRecord>, u32)>> {
    let Some(r) = fetch!(tx, StandingRow, fetch_optional, SQL, workspace_id, user_id)? else {
        return Ok(None);
    };
    let member = match (
        r.m_id,
        r.m_name,
        r.m_email,
        r.m_role,
        r.m_status,
        r.m_feature_access,
        r.m_resource_access,
        r.m_joined_at,
    ) {
        (
            Some(id),
            Some(name),
            Some(email),
            Some(role),
            Some(status),
            Some(feature_access),
            Some(resource_access),
            Some(joined_at),
        ) => Some(MemberRecord {
            id,
            workspace_id: workspace_id.to_owned(),
            user_id: r.m_user_id,
            api_key_id: r.m_api_key_id,
            name,
            email,
            role,
            status,
            feature_access,
            resource_access,
            joined_at,
            invited_by: r.m_invited_by,
        }),
        _ => None,
    };
    let owners = u32::try_from(r.owners).unwrap_or(u32::MAX);
    Ok(Some((r.ws.into(), member, owners)))
}
