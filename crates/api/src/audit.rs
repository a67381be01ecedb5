//! The audit log: who changed what, when and from where.

use serde::{Deserialize, Serialize};

/// One recorded change. `V` is how the before and after states are held:
/// any JSON value by default; the web app reads them into its own smaller
/// type (serde_json's `Value` costs its WASM about 3 KB gzip).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEventResponse<V = serde_json::Value> {
    /// Event id.
    pub id: String,
    /// The acting user.
    pub actor: Option<String>,
    /// What happened, e.g. `member.updated`.
    pub action: String,
    /// Whom or what it was done to.
    pub target: Option<String>,
    /// State before.
    pub before: Option<V>,
    /// State after.
    pub after: Option<V>,
    /// RFC 3339.
    pub at: String,
    /// The caller's address.
    pub ip: Option<String>,
    /// The caller's user agent.
    pub user_agent: Option<String>,
}

/// `GET /workspaces/{ws}/audit` query parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ListAuditQuery {
    /// Only this action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(pattern = r"^[^\x00]*$"))]
    pub action: Option<String>,
    /// Only this actor (user id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(pattern = r"^[^\x00]*$"))]
    pub actor: Option<String>,
    /// 1–200, default 50.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
    pub limit: Option<u32>,
    /// The previous page's `next_cursor`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(pattern = "^[A-Za-z0-9_-]{0,1024}$"))]
    pub cursor: Option<String>,
    /// `csv` downloads every matching event as one CSV file (no paging;
    /// `limit` and `cursor` are ignored). `Accept: text/csv` does the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<AuditFormat>,
}

/// The audit log's answer formats.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum AuditFormat {
    /// One page of JSON.
    #[default]
    Json,
    /// Every matching event as `text/csv`.
    Csv,
}

/// The CSV export's header row, in column order.
pub const AUDIT_CSV_COLUMNS: [&str; 9] = [
    "at",
    "action",
    "actor",
    "target",
    "ip",
    "user_agent",
    "before",
    "after",
    "id",
];

/// The `action` of every audit event the server writes: one list for the
/// server that writes them and the console that filters and names them.
pub mod actions {
    /// An invitation was sent (a member row in Invited).
    pub const MEMBER_INVITED: &str = "member.invited";
    /// An invitation was accepted.
    pub const MEMBER_JOINED: &str = "member.joined";
    /// A member's role, access or status changed.
    pub const MEMBER_UPDATED: &str = "member.updated";
    /// A member was removed.
    pub const MEMBER_REMOVED: &str = "member.removed";
    /// A member left.
    pub const MEMBER_LEFT: &str = "member.left";
    /// An invitation was sent again with a new token.
    pub const INVITATION_RESENT: &str = "invitation.resent";
    /// An invitation's link was made anew to be copied.
    pub const INVITATION_LINK_COPIED: &str = "invitation.link_copied";
    /// An invitation was revoked.
    pub const INVITATION_REVOKED: &str = "invitation.revoked";
    /// An invitation was declined.
    pub const INVITATION_DECLINED: &str = "invitation.declined";
    /// Ownership passed to an Admin.
    pub const OWNERSHIP_TRANSFERRED: &str = "ownership.transferred";
    /// A workspace was created.
    pub const WORKSPACE_CREATED: &str = "workspace.created";
    /// A workspace's settings changed.
    pub const WORKSPACE_UPDATED: &str = "workspace.updated";
    /// A workspace was archived.
    pub const WORKSPACE_ARCHIVED: &str = "workspace.archived";
    /// A workspace was deleted.
    pub const WORKSPACE_DELETED: &str = "workspace.deleted";
    /// A configuration entry was set.
    pub const CONFIG_SET: &str = "config.set";
    /// A configuration entry was deleted.
    pub const CONFIG_DELETED: &str = "config.deleted";

    /// Every action, in the order the console's filter offers them.
    pub const ALL: [&str; 16] = [
        MEMBER_INVITED,
        MEMBER_JOINED,
        MEMBER_UPDATED,
        MEMBER_REMOVED,
        MEMBER_LEFT,
        INVITATION_RESENT,
        INVITATION_LINK_COPIED,
        INVITATION_REVOKED,
        INVITATION_DECLINED,
        OWNERSHIP_TRANSFERRED,
        WORKSPACE_CREATED,
        WORKSPACE_UPDATED,
        WORKSPACE_ARCHIVED,
        WORKSPACE_DELETED,
        CONFIG_SET,
        CONFIG_DELETED,
    ];
}
