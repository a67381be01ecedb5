//! `POST /authorize` and `POST /authorize:batch`: decisions for the host
//! product, with the reason.

use super::json::Json;
use super::session::Authenticated;
use crate::error::AppError;
use crate::ops::authorize::{self as ops, Answer};
use crate::state::AppState;
use axum::Router;
use axum::extract::State;
use axum::routing::post;
use roster_api::{
    AuthorizeBatchRequest, AuthorizeBatchResponse, AuthorizeRequest, AuthorizeResponse,
    AuthorizeResultResponse, paths,
};

/// The decision routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(paths::AUTHORIZE, post(one))
        .route(paths::AUTHORIZE_BATCH, post(batch))
}

#[utoipa::path(
    post,
    path = "/api/v1/authorize",
    tag = "authorization",
    summary = "May this principal (default: you) use this permission, on this resource or feature, in this workspace?",
    request_body = AuthorizeRequest,
    responses(
        (status = 200, description = "The decision and its reason", body = AuthorizeResponse),
        crate::http::openapi::Problems
    )
)]
async fn one(
    State(state): State<AppState>,
    auth: Authenticated,
    Json(req): Json<AuthorizeRequest>,
) -> Result<Json<AuthorizeResponse>, AppError> {
    let question = ops::parse(&req, "").map_err(AppError::Validation)?;
    let answer = ops::decide(&state, &auth.caller, &[question])
        .await?
        .pop()
        .ok_or_else(|| anyhow::anyhow!("no answer to one question"))?;
    let d = answer?;
    Ok(Json(AuthorizeResponse {
        allowed: d.allowed,
        reason: d.reason.to_owned(),
        message: d.message,
    }))
}

#[utoipa::path(
    post,
    path = "/api/v1/authorize:batch",
    tag = "authorization",
    summary = "Up to 100 decisions at once, answered in the order asked",
    request_body = AuthorizeBatchRequest,
    responses(
        (status = 200, description = "One answer per question; a refused question has status 403 or 404", body = AuthorizeBatchResponse),
        crate::http::openapi::Problems
    )
)]
async fn batch(
    State(state): State<AppState>,
    auth: Authenticated,
    Json(req): Json<AuthorizeBatchRequest>,
) -> Result<Json<AuthorizeBatchResponse>, AppError> {
    let questions = ops::parse_batch(&req.checks).map_err(AppError::Validation)?;
    let answers = ops::decide(&state, &auth.caller, &questions).await?;
    Ok(Json(AuthorizeBatchResponse {
        results: answers.into_iter().map(result).collect(),
    }))
}

fn result(answer: Answer) -> AuthorizeResultResponse {
    match answer {
        Ok(d) => AuthorizeResultResponse {
            status: 200,
            allowed: d.allowed,
            reason: d.reason.to_owned(),
            message: d.message,
        },
        Err(refused) => {
            let problem = AppError::Denied(refused).problem();
            AuthorizeResultResponse {
                status: problem.status,
                allowed: false,
                reason: problem.code,
                message: problem.detail,
            }
        }
    }
}
