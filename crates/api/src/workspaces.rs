//! Workspaces: creation, settings, archive and delete, configuration.

use serde::{Deserialize, Serialize};

/// `POST /workspaces`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateWorkspaceRequest {
    /// Display name, 1–64 characters.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::workspace_name))]
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
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::new_workspace_name))]
    pub name: Option<String>,
    /// Logo image address (`https://…`); empty clears it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        schema(schema_with = crate::schema::new_logo_url)
    )]
    pub logo_url: Option<String>,
    /// `#rrggbb`; empty clears it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::new_colour))]
    pub colour: Option<String>,
    /// Markdown home page, up to 20,000 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        schema(max_length = 20000, pattern = r"^[^\x00]*$")
    )]
    pub description: Option<String>,
    /// ISO 3166 alpha-2 country codes, at most 250.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_items = 250, inline, value_type = Option<Vec<crate::schema::CountryCode>>))]
    pub countries: Option<Vec<String>>,
    /// Company domain; empty clears it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        schema(schema_with = crate::schema::new_domain)
    )]
    pub domain: Option<String>,
    /// Always refused (422): the region is fixed at creation. Not in the
    /// OpenAPI document, which therefore refuses it like any unknown field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(ignore))]
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
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[^\x00]*$"))]
    pub confirm: String,
}

/// `PUT /workspaces/{ws}/config/{key}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PutConfigRequest {
    /// The value (text, up to 8,192 characters; not for secrets).
    #[cfg_attr(
        feature = "openapi",
        schema(max_length = 8192, pattern = r"^[^\x00]*$")
    )]
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
