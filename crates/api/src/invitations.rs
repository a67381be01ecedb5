//! Invitations: the batch invite with a result per row, the workspace's
//! list, resend / link / revoke, and the invitee's side.

use roster_model::{FeatureAccess, ResourceAccess};
use serde::{Deserialize, Serialize};

/// One row of a batch invite.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct InviteRequest {
    /// The address as typed.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[^\x00]*$"))]
    pub email: String,
    /// Role key.
    #[cfg_attr(feature = "openapi", schema(pattern = "^(owner|admin|editor|viewer)$"))]
    pub role: String,
    /// Feature access (default all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::schema::FeatureAccessSchema>, inline))]
    pub feature_access: Option<FeatureAccess>,
    /// Resource access (default all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::schema::ResourceAccessSchema>, inline))]
    pub resource_access: Option<ResourceAccess>,
}

/// `POST /workspaces/{ws}/invitations`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateInvitationsRequest {
    /// The rows, processed in order.
    pub invites: Vec<InviteRequest>,
}

/// The outcome of one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitationResultResponse {
    /// The address as sent.
    pub email: String,
    /// `invited`, `already_member`, `already_invited`, `duplicate_in_batch`,
    /// `personal_domain`, `invalid_email`, `role_not_allowed`, `seat_limit`.
    pub status: String,
    /// The new invitation, for `invited` rows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invitation_id: Option<String>,
    /// Product copy for the row.
    pub message: String,
}

/// The answer to a batch invite (200 even when some rows were refused).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitationResultsResponse {
    /// One per row, in the order sent.
    pub results: Vec<InvitationResultResponse>,
}

/// An invitation as the workspace and the invitee see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitationResponse {
    /// Invitation id.
    pub id: String,
    /// Workspace id.
    pub workspace_id: String,
    /// Workspace name.
    pub workspace_name: String,
    /// The invited member row.
    pub member_id: String,
    /// Invitee's address.
    pub email: String,
    /// Role key offered.
    pub role: String,
    /// `pending`, `declined` or `expired`.
    pub status: String,
    /// The inviting user.
    pub invited_by: Option<String>,
    /// RFC 3339.
    pub expires_at: String,
    /// RFC 3339.
    pub created_at: String,
}

/// `GET …/invitations/{id}/link`: a fresh link (the previous one stops
/// working, since only token hashes are stored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitationLinkResponse {
    /// The link to share.
    pub url: String,
    /// RFC 3339.
    pub expires_at: String,
}

/// `POST /invitations/accept`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AcceptInvitationRequest {
    /// The token from the invitation link.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[^\x00]*$"))]
    pub token: String,
}

/// `GET /invitations/lookup` query parameters (no session needed: holding
/// the link's token is what allows the look).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct InvitationLookupQuery {
    /// The token from the invitation link.
    #[cfg_attr(feature = "openapi", param(pattern = r"^[^\x00]*$"))]
    pub token: String,
}

/// What an invitation link offers, for its landing page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitationPreviewResponse {
    /// The inviting workspace.
    pub workspace_id: String,
    /// Its name.
    pub workspace_name: String,
    /// The address the invitation was sent to.
    pub email: String,
    /// The role offered.
    pub role: String,
    /// The inviter's name, while their account exists.
    pub inviter_name: Option<String>,
    /// `pending`, `expired`, `archived` (the workspace takes no one new),
    /// `accepted` or `declined` (a revoked invitation is not found).
    pub status: String,
    /// RFC 3339.
    pub expires_at: String,
}

/// The answer to accepting: the workspace joined (now the last used one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AcceptedInvitationResponse {
    /// The workspace joined.
    pub workspace_id: String,
    /// The caller's member id in it.
    pub member_id: String,
}
