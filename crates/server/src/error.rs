//! `AppError`: how a failed request becomes an RFC 9457 problem. Internal
//! causes are logged once with the request id and never sent (invariant 6).

use crate::store::StoreError;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use roster_api::{FieldError, PROBLEM_CONTENT_TYPE, Problem};
use roster_model::{DenialKind, Denied};

/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Nothing at this path, or nothing the caller may see.
    #[error("not found")]
    NotFound,
    /// Malformed request (bad JSON, wrong types).
    #[error("bad request: {0}")]
    BadRequest(String),
    /// Well-formed but invalid fields.
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    /// Not signed in (no or expired session).
    #[error("not signed in")]
    Unauthorized,
    /// An unsafe request without the session's CSRF token, or a cross-site
    /// sign-in attempt.
    #[error("csrf: {0}")]
    Csrf(&'static str),
    /// Too many attempts; retry after this many seconds.
    #[error("rate limited for {0}s")]
    RateLimited(u64),
    /// A rule of `roster-model` refused the action.
    #[error("denied: {0}")]
    Denied(#[from] Denied),
    /// A problem chosen by a lower layer (status, code, title, detail).
    #[error("{0:?}")]
    Problem(Box<Problem>),
    /// The database is unreachable.
    #[error("service unavailable: {0}")]
    Unavailable(#[source] anyhow::Error),
    /// A bug or an outage: logged, answered with a generic 500.
    #[error("internal error: {0:#}")]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    /// The problem body sent for this error.
    pub fn problem(&self) -> Problem {
        match self {
            Self::NotFound => Problem::new(
                404,
                "not_found",
                "Not found",
                "There is nothing at this address, or you do not have access to it.",
            ),
            Self::BadRequest(detail) => Problem::new(400, "bad_request", "Bad request", detail),
            Self::Validation(errors) => Problem::new(
                422,
                "validation",
                "Invalid input",
                "Some fields are not valid; see `errors`.",
            )
            .with_errors(errors.clone()),
            Self::Unauthorized => Problem::new(
                401,
                "unauthenticated",
                "Not signed in",
                "Sign in to continue.",
            ),
            Self::Csrf(detail) => Problem::new(403, "csrf", "Request refused", *detail),
            Self::RateLimited(secs) => Problem::new(
                429,
                "rate_limited",
                "Too many attempts",
                format!("Too many attempts. Try again in {secs} seconds."),
            ),
            Self::Denied(d) => {
                Problem::new(d.kind().status(), d.code(), title_of(d.kind()), d.message())
            }
            Self::Problem(p) => (**p).clone(),
            Self::Unavailable(_) => Problem::new(
                503,
                "unavailable",
                "Service unavailable",
                "Roster cannot reach its database right now. Try again in a moment.",
            ),
            Self::Internal(_) => Problem::new(
                500,
                "internal",
                "Internal error",
                "Something went wrong on our side. Quote the request id when reporting it.",
            ),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let Self::Internal(e) | Self::Unavailable(e) = &self {
            // The request id is on the current span (see http::trace_layer).
            tracing::error!(error = format!("{e:#}"), "request failed");
        }
        let mut res = problem_response(&self.problem());
        if let Self::RateLimited(secs) = self {
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        res
    }
}

impl AppError {
    /// A 409 problem with a stable code.
    pub fn conflict(code: &str, detail: impl Into<String>) -> Self {
        Self::Problem(Box::new(Problem::new(409, code, "Conflict", detail)))
    }

    /// A 422 problem naming one field.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError {
            field: field.to_owned(),
            message: message.into(),
        }])
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Unique => Self::conflict(
                "conflict",
                "This conflicts with something that already exists.",
            ),
            StoreError::Db(e) => Self::Internal(anyhow::Error::new(e).context("database")),
        }
    }
}

fn title_of(kind: DenialKind) -> &'static str {
    match kind {
        DenialKind::Forbidden => "Not allowed",
        DenialKind::Conflict => "Conflict",
        DenialKind::Invalid => "Refused",
        DenialKind::NotFound => "Not found",
    }
}

/// Serialises a problem with its status and media type.
pub fn problem_response(problem: &Problem) -> Response {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_vec(problem).unwrap_or_default();
    let mut res = (status, body).into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(PROBLEM_CONTENT_TYPE),
    );
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_errors_never_leak_their_cause() {
        let e = AppError::Internal(anyhow::anyhow!("password=hunter2 at db.rs:12"));
        let p = e.problem();
        assert_eq!(p.status, 500);
        assert!(!p.detail.contains("hunter2"));
    }

    #[test]
    fn validation_errors_list_fields() {
        let e = AppError::Validation(vec![FieldError {
            field: "email".into(),
            message: "Enter an email address.".into(),
        }]);
        let p = e.problem();
        assert_eq!((p.status, p.errors.len()), (422, 1));
    }
}
