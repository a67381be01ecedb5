//! The team table: listing, changing and removing members, leaving, and
//! ownership transfer.

use roster_model::{FeatureAccess, MemberStatus, ResourceAccess};
use serde::{Deserialize, Serialize};

/// One row of the team table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberResponse {
    /// Member id (the `{member}` of paths).
    pub id: String,
    /// The user, for people.
    pub user_id: Option<String>,
    /// Display name.
    pub name: String,
    /// Email (empty for API keys).
    pub email: String,
    /// Role key.
    pub role: String,
    /// Member status.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub status: MemberStatus,
    /// `"all"` or a list of feature keys.
    #[cfg_attr(feature = "openapi", schema(value_type = Value))]
    pub feature_access: FeatureAccess,
    /// `"all"` or a list of resource ids.
    #[cfg_attr(feature = "openapi", schema(value_type = Value))]
    pub resource_access: ResourceAccess,
    /// RFC 3339.
    pub joined_at: String,
    /// The inviting user, if any.
    pub invited_by: Option<String>,
}

/// `PATCH /workspaces/{ws}/members/{member}`: only the fields sent change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateMemberRequest {
    /// New role key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(pattern = "^(owner|admin|editor|viewer)$"))]
    pub role: Option<String>,
    /// New feature access.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::schema::FeatureAccessSchema>, inline))]
    pub feature_access: Option<FeatureAccess>,
    /// New resource access.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::schema::ResourceAccessSchema>, inline))]
    pub resource_access: Option<ResourceAccess>,
    /// `active` or `deactivated`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, pattern = "^(active|deactivated)$"))]
    pub status: Option<MemberStatus>,
}

/// `POST /workspaces/{ws}/ownership-transfer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TransferOwnershipRequest {
    /// The Admin who becomes Owner.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[^\x00]*$"))]
    pub member_id: String,
    /// Must be `true`.
    pub confirm: bool,
}

/// `GET /workspaces/{ws}/members` query parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ListMembersQuery {
    /// Name or email contains (case-insensitive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(pattern = r"^[^\x00]*$"))]
    pub q: Option<String>,
    /// `active`, `invited` or `deactivated`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(pattern = "^(active|invited|deactivated)$"))]
    pub status: Option<String>,
    /// `name` (default), `email`, `role` or `joined`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(pattern = "^(name|email|role|joined)$"))]
    pub sort: Option<String>,
    /// `asc` (default) or `desc`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(pattern = "^(asc|desc)$"))]
    pub order: Option<String>,
    /// 1–200, default 50.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
    pub limit: Option<u32>,
    /// The previous page's `next_cursor`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(pattern = "^[A-Za-z0-9_-]{0,1024}$"))]
    pub cursor: Option<String>,
}
