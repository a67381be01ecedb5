//! The RFC 9457 problem body every error response carries: internal detail
//! never goes in it, only what a client can act on.

use serde::{Deserialize, Serialize};

/// The media type of every error response.
pub const PROBLEM_CONTENT_TYPE: &str = "application/problem+json";

/// Prefix of every problem `type`: the stable `code` follows it, so a
/// client can match on the `type` ending (for example `…:csrf`).
pub const PROBLEM_TYPE_PREFIX: &str = "urn:roster:problem:";

/// An RFC 9457 problem document, extended with a stable `code`, the
/// request id and, for validation errors, one entry per offending field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    /// `urn:roster:problem:<code>`.
    #[serde(rename = "type")]
    pub kind: String,
    /// A short, human-readable summary of the problem type.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What happened and, where possible, what to do about it.
    pub detail: String,
    /// A stable snake_case code clients may match on.
    pub code: String,
    /// The id of the request, to quote when reporting a problem.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// Field-level validation errors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

impl Problem {
    /// A problem with the given status, stable code, title and detail.
    pub fn new(status: u16, code: &str, title: &str, detail: impl Into<String>) -> Self {
        Self {
            kind: format!("{PROBLEM_TYPE_PREFIX}{code}"),
            title: title.to_owned(),
            status,
            detail: detail.into(),
            code: code.to_owned(),
            request_id: None,
            errors: Vec::new(),
        }
    }

    /// Adds field-level errors.
    #[must_use]
    pub fn with_errors(mut self, errors: Vec<FieldError>) -> Self {
        self.errors = errors;
        self
    }
}

/// One invalid field of a request body or query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The field's name as sent (a JSON pointer-like path for nested fields).
    pub field: String,
    /// Product copy saying what is wrong.
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_type_ends_with_its_code() {
        let p = Problem::new(403, "csrf", "Forbidden", "Missing CSRF token.");
        assert!(p.kind.ends_with("csrf"));
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(json["type"], "urn:roster:problem:csrf");
        assert_eq!(json["status"], 403);
        assert!(json.get("errors").is_none(), "empty errors are omitted");
    }
}
