//! The authorization API: "may principal P do action A (on resource R) in
//! workspace W?", one question or a batch, answered with the reason.

use serde::{Deserialize, Serialize};

/// Most questions one `POST /authorize:batch` may ask.
pub const MAX_BATCH_CHECKS: usize = 100;

/// `POST /authorize`, and one entry of a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AuthorizeRequest {
    /// The workspace the question is about.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::opaque_id))]
    pub workspace_id: String,
    /// Whom it is about: a member id (the team table's) or a user id.
    /// Absent: the caller. Asking about someone else needs `authorize:check`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::optional_opaque_id))]
    pub principal: Option<String>,
    /// A permission name from the catalogue, e.g. `members:invite`.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::permission_name))]
    pub action: String,
    /// A resource id of the host product; the principal's resource access
    /// must cover it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::resource_id))]
    pub resource: Option<String>,
    /// A feature key; the principal's feature access must cover it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = "^[a-z](?:_?[a-z0-9])*$", max_length = 48)
    )]
    pub feature: Option<String>,
}

/// The decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuthorizeResponse {
    /// Whether the principal may do it.
    pub allowed: bool,
    /// A stable code: `role` when allowed through the role (more bases come
    /// with shares), otherwise the rule that refused, e.g. `not_allowed`,
    /// `inactive_member`, `not_a_member`, `feature_not_allowed`.
    pub reason: String,
    /// The same in a sentence a person can read.
    pub message: String,
}

/// `POST /authorize:batch`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AuthorizeBatchRequest {
    /// 1–100 questions, answered in the order sent.
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 100))]
    pub checks: Vec<AuthorizeRequest>,
}

/// One answer of a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuthorizeResultResponse {
    /// 200 when decided; 403 or 404 when this question was refused (what
    /// `POST /authorize` would have answered); `allowed` is then false.
    pub status: u16,
    /// Whether the principal may do it.
    pub allowed: bool,
    /// A stable code (see `AuthorizeResponse`), or the refusal's problem code.
    pub reason: String,
    /// The same in a sentence.
    pub message: String,
}

/// The batch's answers, one per question in the order sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuthorizeBatchResponse {
    /// The answers.
    pub results: Vec<AuthorizeResultResponse>,
}
