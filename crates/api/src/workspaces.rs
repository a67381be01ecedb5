//! Workspaces: creation, settings, archive and delete, configuration.

use serde::{Deserialize, Serialize};

/// `POST /workspaces`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateWorkspaceRequest {
    /// Display name, 1–64 characters.
    pub name: String,
    /// One of the deployment's regions.
    pub region: String,
}

/// `PATCH /workspaces/{ws}`: only the fields sent change; an empty string
/// clears an optional text field (domain, logo, colour).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateWorkspaceRequest {
    /// New name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Logo image address (`https://…`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
    /// `#rrggbb`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colour: Option<String>,
    /// Markdown home page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// ISO 3166 alpha-2 country codes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub countries: Option<Vec<String>>,
    /// Company domain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// Always refused (422): the region is fixed at creation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

/// A workspace's settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkspaceResponse {
    /// Workspace id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Region code.
    pub region: String,
    /// Company domain.
    pub domain: Option<String>,
    /// Logo address.
    pub logo_url: Option<String>,
    /// `#rrggbb`.
    pub colour: Option<String>,
    /// Markdown home page.
    pub description: String,
    /// ISO 3166 alpha-2 codes.
    pub countries: Vec<String>,
    /// `active` or `archived`.
    pub status: String,
    /// RFC 3339.
    pub created_at: String,
    /// The caller's role key.
    pub role: String,
}

/// `DELETE /workspaces/{ws}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DeleteWorkspaceRequest {
    /// The workspace's name, typed to confirm.
    pub confirm: String,
}

/// `PUT /workspaces/{ws}/config/{key}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PutConfigRequest {
    /// The value (text; not for secrets).
    pub value: String,
}

/// One configuration property.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConfigResponse {
    /// `[a-z0-9_.-]`, 1–64 characters.
    pub key: String,
    /// The value.
    pub value: String,
}
