//! The audit log: who changed what, when and from where.

use serde::{Deserialize, Serialize};

/// One recorded change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEventResponse {
    /// Event id.
    pub id: String,
    /// The acting user.
    pub actor: Option<String>,
    /// What happened, e.g. `member.updated`.
    pub action: String,
    /// Whom or what it was done to.
    pub target: Option<String>,
    /// State before.
    pub before: Option<serde_json::Value>,
    /// State after.
    pub after: Option<serde_json::Value>,
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
