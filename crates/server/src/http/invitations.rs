//! `/workspaces/{ws}/invitations…` (the workspace's side) and
//! `/invitations…` (the invitee's side).

use super::json::Json;
use super::paging;
use super::session::Authenticated;
use crate::error::AppError;
use crate::ops::invitations;
use crate::state::AppState;
use crate::store::invitations::Invitation;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{delete, get, post};
use roster_api::{
    AcceptInvitationRequest, AcceptedInvitationResponse, CreateInvitationsRequest,
    InvitationLinkResponse, InvitationLookupQuery, InvitationPreviewResponse, InvitationResponse,
    InvitationResultsResponse, Page, PageQuery, paths,
};

/// The invitation routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(paths::INVITATIONS, get(list).post(invite))
        .route(paths::INVITATION, delete(revoke))
        .route(paths::INVITATION_RESEND, post(resend))
        .route(paths::INVITATION_LINK, get(link))
        .route(paths::MY_INVITATIONS, get(mine))
        .route(paths::MY_INVITATION_ACCEPT, post(accept))
        .route(paths::MY_INVITATION_DECLINE, post(decline))
        .route(paths::INVITATION_ACCEPT_TOKEN, post(accept_by_token))
        .route(paths::INVITATION_LOOKUP, get(lookup))
}

/// The wire form of an invitation.
pub fn dto(i: Invitation) -> InvitationResponse {
    InvitationResponse {
        id: i.id,
        workspace_id: i.workspace_id,
        workspace_name: i.workspace_name,
        member_id: i.member_id,
        email: i.email,
        role: i.role,
        status: i.status,
        invited_by: i.invited_by,
        expires_at: i.expires_at,
        created_at: i.created_at,
    }
}

#[utoipa::path(
    post,
    path = "/api/v1/workspaces/{ws}/invitations",
    tag = "invitations",
    summary = "Invite a batch; a verdict per row",
    params(("ws" = String, Path, description = "Workspace id")),
    request_body = CreateInvitationsRequest,
    responses((status = 200, description = "One result per row, in order", body = InvitationResultsResponse), crate::http::openapi::Problems)
)]
async fn invite(
    State(state): State<AppState>,
    auth: Authenticated,
    Path(ws): Path<String>,
    Json(req): Json<CreateInvitationsRequest>,
) -> Result<Json<InvitationResultsResponse>, AppError> {
    let results = invitations::invite(&state, &auth.caller, &ws, req).await?;
    Ok(Json(InvitationResultsResponse { results }))
}

#[utoipa::path(
    get,
    path = "/api/v1/workspaces/{ws}/invitations",
    tag = "invitations",
    summary = "Pending, declined and expired invitations",
    params(("ws" = String, Path, description = "Workspace id"), PageQuery),
    responses((status = 200, description = "One page", body = Page<InvitationResponse>), crate::http::openapi::Problems)
)]
async fn list(
    State(state): State<AppState>,
    auth: Authenticated,
    Path(ws): Path<String>,
    query: Result<Query<PageQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Page<InvitationResponse>>, AppError> {
    let Query(query) = query.map_err(|e| AppError::field("query", e.body_text()))?;
    let limit = paging::limit_of(query.limit)?;
    let after = paging::decode(query.cursor.as_deref())?;
    let rows = invitations::list(&state, &auth.caller, &ws, after, limit + 1).await?;
    let (rows, next_cursor) = paging::split(rows, limit, |i| paging::encode(&i.created_at, &i.id));
    Ok(Json(Page {
        items: rows.into_iter().map(dto).collect(),
        next_cursor,
    }))
}

#[utoipa::path(
    post,
    path = "/api/v1/workspaces/{ws}/invitations/{id}/resend",
    tag = "invitations",
    summary = "Resend with a new token",
    params(("ws" = String, Path, description = "Workspace id"), ("id" = String, Path, description = "Invitation id")),
    responses((status = 204, description = "Sent"), crate::http::openapi::Problems)
)]
async fn resend(
    State(state): State<AppState>,
    auth: Authenticated,
    Path((ws, id)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    invitations::resend(&state, &auth.caller, &ws, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(
    get,
    path = "/api/v1/workspaces/{ws}/invitations/{id}/link",
    tag = "invitations",
    summary = "A fresh invitation link to copy",
    params(("ws" = String, Path, description = "Workspace id"), ("id" = String, Path, description = "Invitation id")),
    responses((status = 200, description = "The link", body = InvitationLinkResponse), crate::http::openapi::Problems)
)]
async fn link(
    State(state): State<AppState>,
    auth: Authenticated,
    Path((ws, id)): Path<(String, String)>,
) -> Result<Json<InvitationLinkResponse>, AppError> {
    let (url, expires_at) = invitations::copy_link(&state, &auth.caller, &ws, &id).await?;
    Ok(Json(InvitationLinkResponse { url, expires_at }))
}

#[utoipa::path(
    delete,
    path = "/api/v1/workspaces/{ws}/invitations/{id}",
    tag = "invitations",
    summary = "Revoke",
    params(("ws" = String, Path, description = "Workspace id"), ("id" = String, Path, description = "Invitation id")),
    responses((status = 204, description = "Revoked"), crate::http::openapi::Problems)
)]
async fn revoke(
    State(state): State<AppState>,
    auth: Authenticated,
    Path((ws, id)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    invitations::revoke(&state, &auth.caller, &ws, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(
    get,
    path = "/api/v1/invitations",
    tag = "invitations",
    summary = "Invitations addressed to the caller",
    responses((status = 200, description = "Pending invitations", body = Page<InvitationResponse>), crate::http::openapi::Problems)
)]
async fn mine(
    State(state): State<AppState>,
    auth: Authenticated,
) -> Result<Json<Page<InvitationResponse>>, AppError> {
    let list = invitations::pending_for(&state, &auth.caller).await?;
    Ok(Json(Page {
        items: list.into_iter().map(dto).collect(),
        next_cursor: None,
    }))
}

fn accepted((workspace_id, member_id): (String, String)) -> Json<AcceptedInvitationResponse> {
    Json(AcceptedInvitationResponse {
        workspace_id,
        member_id,
    })
}

#[utoipa::path(
    post,
    path = "/api/v1/invitations/{id}/accept",
    tag = "invitations",
    summary = "Accept by id",
    params(("id" = String, Path, description = "Invitation id")),
    responses((status = 200, description = "Joined", body = AcceptedInvitationResponse), crate::http::openapi::Problems)
)]
async fn accept(
    State(state): State<AppState>,
    auth: Authenticated,
    Path(id): Path<String>,
) -> Result<Json<AcceptedInvitationResponse>, AppError> {
    Ok(accepted(
        invitations::accept(&state, &auth.caller, &id).await?,
    ))
}

#[utoipa::path(
    post,
    path = "/api/v1/invitations/{id}/decline",
    tag = "invitations",
    summary = "Decline by id",
    params(("id" = String, Path, description = "Invitation id")),
    responses((status = 204, description = "Declined"), crate::http::openapi::Problems)
)]
async fn decline(
    State(state): State<AppState>,
    auth: Authenticated,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    invitations::decline(&state, &auth.caller, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(
    post,
    path = "/api/v1/invitations/accept",
    tag = "invitations",
    summary = "Accept by the emailed token",
    request_body = AcceptInvitationRequest,
    responses((status = 200, description = "Joined", body = AcceptedInvitationResponse), crate::http::openapi::Problems)
)]
async fn accept_by_token(
    State(state): State<AppState>,
    auth: Authenticated,
    Json(req): Json<AcceptInvitationRequest>,
) -> Result<Json<AcceptedInvitationResponse>, AppError> {
    Ok(accepted(
        invitations::accept_by_token(&state, &auth.caller, &req.token).await?,
    ))
}

#[utoipa::path(
    get,
    path = "/api/v1/invitations/lookup",
    tag = "invitations",
    summary = "What an invitation link offers (no session needed)",
    params(InvitationLookupQuery),
    responses((status = 200, description = "The invitation", body = InvitationPreviewResponse), crate::http::openapi::Problems)
)]
async fn lookup(
    State(state): State<AppState>,
    query: Result<Query<InvitationLookupQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<InvitationPreviewResponse>, AppError> {
    let Query(q) = query.map_err(|e| AppError::field("token", e.body_text()))?;
    let (inv, inviter_name, status) = invitations::lookup(&state, &q.token).await?;
    Ok(Json(InvitationPreviewResponse {
        workspace_id: inv.workspace_id,
        workspace_name: inv.workspace_name,
        email: inv.email,
        role: inv.role,
        inviter_name,
        status: status.to_owned(),
        expires_at: inv.expires_at,
    }))
}
