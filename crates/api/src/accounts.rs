//! Accounts and the session: sign-up, log-in, `GET /me`, the workspace switch.

use serde::{Deserialize, Serialize};

/// `POST /auth/signup`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SignupRequest {
    /// The address to sign in with.
    #[cfg_attr(
        feature = "openapi",
        schema(schema_with = crate::schema::signup_email)
    )]
    pub email: String,
    /// 8–1,024 characters.
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 8, max_length = 1024, pattern = r"^[^\x00]*$")
    )]
    pub password: String,
    /// Display name, 1–100 characters.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::person_name))]
    pub name: String,
}

/// `POST /auth/login`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// The account's address.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[^\x00]*$"))]
    pub email: String,
    /// Its password.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[^\x00]*$"))]
    pub password: String,
}

/// A user as shown to themselves and to fellow members.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserResponse {
    /// User id.
    pub id: String,
    /// Email address.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Avatar image address.
    pub avatar_url: Option<String>,
}

/// The answer to sign-up and log-in: who is signed in and the CSRF token to
/// send on unsafe requests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionResponse {
    /// The signed-in user.
    pub user: UserResponse,
    /// Echo it in `X-CSRF-Token` on every unsafe request.
    pub csrf_token: String,
}

/// One workspace in the caller's switcher.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyWorkspaceResponse {
    /// Workspace id.
    pub id: String,
    /// Workspace name.
    pub name: String,
    /// The caller's role key.
    pub role: String,
    /// The caller's member status: `active`, `invited` or `deactivated`.
    pub status: String,
    /// Whether the workspace is archived.
    pub archived: bool,
    /// The workspace's logo address, if it has one.
    pub logo_url: Option<String>,
    /// The workspace's brand colour (`#rrggbb`), if it has one.
    pub colour: Option<String>,
}

/// An invitation waiting for the caller's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PendingInvitationResponse {
    /// Invitation id.
    pub id: String,
    /// The inviting workspace.
    pub workspace_id: String,
    /// Its name.
    pub workspace_name: String,
    /// The role offered.
    pub role: String,
    /// Who invited (user id).
    pub invited_by: Option<String>,
    /// RFC 3339.
    pub expires_at: String,
}

/// A workspace the caller may join through their verified email domain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JoinSuggestionResponse {
    /// Workspace id.
    pub workspace_id: String,
    /// Its name.
    pub workspace_name: String,
}

/// `GET /me`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeResponse {
    /// The signed-in user.
    pub user: UserResponse,
    /// Every workspace the user belongs to, with role and status.
    pub workspaces: Vec<MyWorkspaceResponse>,
    /// The workspace last switched to.
    pub last_workspace_id: Option<String>,
    /// Invitations to answer.
    pub pending_invitations: Vec<PendingInvitationResponse>,
    /// Domain join suggestions.
    pub join_suggestions: Vec<JoinSuggestionResponse>,
    /// Echo it in `X-CSRF-Token` on every unsafe request.
    pub csrf_token: String,
}

/// `PUT /me/last-workspace`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SetLastWorkspaceRequest {
    /// A workspace the caller belongs to.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[^\x00]*$"))]
    pub workspace_id: String,
}
