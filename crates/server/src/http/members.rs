//! `/workspaces/{ws}/members…`, `/leave`, `/ownership-transfer`.

use super::json::Json;
use super::session::Authenticated;
use crate::error::AppError;
use crate::ops::members;
use crate::state::AppState;
use crate::store::members::MemberRecord;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, patch, post};
use roster_api::{
    ListMembersQuery, MemberResponse, Page, TransferOwnershipRequest, UpdateMemberRequest, paths,
};

/// The member routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(paths::MEMBERS, get(list))
        .route(paths::MEMBER, patch(update).delete(remove))
        .route(paths::LEAVE, post(leave))
        .route(paths::OWNERSHIP_TRANSFER, post(transfer))
}

fn dto(m: MemberRecord) -> Result<MemberResponse, AppError> {
    let terms = crate::ops::access::member_terms(&m)?;
    Ok(MemberResponse {
        id: m.id,
        user_id: m.user_id,
        name: m.name,
        email: m.email,
        role: m.role,
        status: terms.status,
        feature_access: terms.feature_access,
        resource_access: terms.resource_access,
        joined_at: m.joined_at,
        invited_by: m.invited_by,
    })
}

#[utoipa::path(
    get,
    path = "/api/v1/workspaces/{ws}/members",
    tag = "members",
    summary = "The team table, keyset-paged",
    params(("ws" = String, Path, description = "Workspace id"), ListMembersQuery),
    responses((status = 200, description = "One page", body = Page<MemberResponse>), crate::http::openapi::Problems)
)]
async fn list(
    State(state): State<AppState>,
    auth: Authenticated,
    Path(ws): Path<String>,
    query: Result<Query<ListMembersQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Page<MemberResponse>>, AppError> {
    let Query(query) = query.map_err(|e| AppError::field("query", e.body_text()))?;
    let (rows, next_cursor) = members::list(&state, &auth.caller, &ws, &query).await?;
    let items = rows.into_iter().map(dto).collect::<Result<_, _>>()?;
    Ok(Json(Page { items, next_cursor }))
}

#[utoipa::path(
    patch,
    path = "/api/v1/workspaces/{ws}/members/{member}",
    tag = "members",
    summary = "Change role, access or status",
    params(("ws" = String, Path, description = "Workspace id"), ("member" = String, Path, description = "Member id (from the team table)")),
    request_body = UpdateMemberRequest,
    responses((status = 200, description = "The member after the change", body = MemberResponse), crate::http::openapi::Problems)
)]
async fn update(
    State(state): State<AppState>,
    auth: Authenticated,
    Path((ws, member)): Path<(String, String)>,
    Json(req): Json<UpdateMemberRequest>,
) -> Result<Json<MemberResponse>, AppError> {
    let m = members::update(&state, &auth.caller, &ws, &member, req).await?;
    Ok(Json(dto(m)?))
}

#[utoipa::path(
    delete,
    path = "/api/v1/workspaces/{ws}/members/{member}",
    tag = "members",
    summary = "Remove a member",
    params(("ws" = String, Path, description = "Workspace id"), ("member" = String, Path, description = "Member id (from the team table)")),
    responses((status = 204, description = "Removed"), crate::http::openapi::Problems)
)]
async fn remove(
    State(state): State<AppState>,
    auth: Authenticated,
    Path((ws, member)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    members::remove(&state, &auth.caller, &ws, &member).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(
    post,
    path = "/api/v1/workspaces/{ws}/leave",
    tag = "members",
    summary = "Leave (refused to the last owner)",
    params(("ws" = String, Path, description = "Workspace id")),
    responses((status = 204, description = "Left"), crate::http::openapi::Problems)
)]
async fn leave(
    State(state): State<AppState>,
    auth: Authenticated,
    Path(ws): Path<String>,
) -> Result<StatusCode, AppError> {
    members::leave(&state, &auth.caller, &ws).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(
    post,
    path = "/api/v1/workspaces/{ws}/ownership-transfer",
    tag = "members",
    summary = "Transfer ownership to an Admin",
    params(("ws" = String, Path, description = "Workspace id")),
    request_body = TransferOwnershipRequest,
    responses((status = 200, description = "The new owner", body = MemberResponse), crate::http::openapi::Problems)
)]
async fn transfer(
    State(state): State<AppState>,
    auth: Authenticated,
    Path(ws): Path<String>,
    Json(req): Json<TransferOwnershipRequest>,
) -> Result<Json<MemberResponse>, AppError> {
    let m =
        members::transfer_ownership(&state, &auth.caller, &ws, &req.member_id, req.confirm).await?;
    Ok(Json(dto(m)?))
}
