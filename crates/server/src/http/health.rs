//! `GET /healthz` (the process is up) and `GET /readyz` (its database answers).

use crate::error::AppError;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use roster_api::{HealthResponse, ReadinessResponse};

/// Liveness: answers as long as the process serves HTTP.
#[utoipa::path(
    get,
    path = "/healthz",
    tag = "health",
    summary = "Liveness",
    responses((status = 200, description = "Alive", body = HealthResponse))
)]
pub async fn healthz() -> Json<HealthResponse> {
    Json(HealthResponse {
        status: "ok".to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
    })
}

/// Readiness: 200 when the database answers, 503 problem otherwise.
#[utoipa::path(
    get,
    path = "/readyz",
    tag = "health",
    summary = "Readiness: the database answers",
    responses((status = 200, description = "Ready", body = ReadinessResponse), crate::http::openapi::Unavailable)
)]
pub async fn readyz(State(state): State<AppState>) -> Result<Json<ReadinessResponse>, AppError> {
    let migrations = state
        .db
        .readiness()
        .await
        .map_err(|e| AppError::Unavailable(e.into()))?;
    Ok(Json(ReadinessResponse {
        status: "ready".to_owned(),
        database: state.db.dialect().name().to_owned(),
        migrations,
        version: env!("CARGO_PKG_VERSION").to_owned(),
    }))
}
