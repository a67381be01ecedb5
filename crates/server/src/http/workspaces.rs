//! `/workspaces…`: list, create, settings, archive, delete, configuration.

use super::json::Json;
use super::session::Authenticated;
use crate::error::AppError;
use crate::ops::workspaces::{self, Seen};
use crate::state::AppState;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use roster_api::{
    ConfigResponse, CreateWorkspaceRequest, DeleteWorkspaceRequest, MyWorkspaceResponse, Page,
    PutConfigRequest, UpdateWorkspaceRequest, WorkspaceResponse, paths,
};

/// The workspace routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(paths::WORKSPACES, get(list).post(create))
        .route(paths::WORKSPACE, get(read).patch(update).delete(delete))
        .route(paths::WORKSPACE_ARCHIVE, post(archive))
        .route(paths::WORKSPACE_CONFIG, get(list_config))
        .route(
            paths::WORKSPACE_CONFIG_KEY,
            get(get_config).put(put_config).delete(delete_config),
        )
}

fn dto(seen: Seen) -> WorkspaceResponse {
    let w = seen.workspace;
    WorkspaceResponse {
        id: w.id,
        name: w.name,
        region: w.region,
        domain: w.domain,
        logo_url: w.logo_url,
        colour: w.colour,
        description: w.description,
        countries: w.countries,
        status: w.status,
        created_at: w.created_at,
        role: seen.role,
    }
}

#[utoipa::path(
    get,
    path = "/api/v1/workspaces",
    tag = "workspaces",
    summary = "My workspaces",
    responses((status = 200, description = "The caller's workspaces", body = Page<MyWorkspaceResponse>), crate::http::openapi::Problems)
)]
async fn list(
    State(state): State<AppState>,
    auth: Authenticated,
) -> Result<Json<Page<MyWorkspaceResponse>>, AppError> {
    let list = workspaces::list_mine(&state, &auth.caller).await?;
    let items = list
        .into_iter()
        .map(super::accounts::my_workspace_dto)
        .collect();
    Ok(Json(Page {
        items,
        next_cursor: None,
    }))
}

#[utoipa::path(
    post,
    path = "/api/v1/workspaces",
    tag = "workspaces",
    summary = "Create a workspace; the caller is owner",
    request_body = CreateWorkspaceRequest,
    responses((status = 201, description = "Created", body = WorkspaceResponse), crate::http::openapi::Problems)
)]
async fn create(
    State(state): State<AppState>,
    auth: Authenticated,
    Json(req): Json<CreateWorkspaceRequest>,
) -> Result<(StatusCode, Json<WorkspaceResponse>), AppError> {
    let seen = workspaces::create(&state, &auth.caller, req).await?;
    Ok((StatusCode::CREATED, Json(dto(seen))))
}

#[utoipa::path(
    get,
    path = "/api/v1/workspaces/{ws}",
    tag = "workspaces",
    summary = "Workspace settings",
    params(("ws" = String, Path, description = "Workspace id")),
    responses((status = 200, description = "Settings", body = WorkspaceResponse), crate::http::openapi::Problems)
)]
async fn read(
    State(state): State<AppState>,
    auth: Authenticated,
    Path(ws): Path<String>,
) -> Result<Json<WorkspaceResponse>, AppError> {
    Ok(Json(dto(workspaces::get(&state, &auth.caller, &ws).await?)))
}

#[utoipa::path(
    patch,
    path = "/api/v1/workspaces/{ws}",
    tag = "workspaces",
    summary = "Change settings (the region is refused)",
    params(("ws" = String, Path, description = "Workspace id")),
    request_body = UpdateWorkspaceRequest,
    responses((status = 200, description = "Saved", body = WorkspaceResponse), crate::http::openapi::Problems)
)]
async fn update(
    State(state): State<AppState>,
    auth: Authenticated,
    Path(ws): Path<String>,
    Json(req): Json<UpdateWorkspaceRequest>,
) -> Result<Json<WorkspaceResponse>, AppError> {
    Ok(Json(dto(workspaces::update(
        &state,
        &auth.caller,
        &ws,
        req,
    )
    .await?)))
}

#[utoipa::path(
    post,
    path = "/api/v1/workspaces/{ws}/archive",
    tag = "workspaces",
    summary = "Archive (admin)",
    params(("ws" = String, Path, description = "Workspace id")),
    responses((status = 200, description = "Archived", body = WorkspaceResponse), crate::http::openapi::Problems)
)]
async fn archive(
    State(state): State<AppState>,
    auth: Authenticated,
    Path(ws): Path<String>,
) -> Result<Json<WorkspaceResponse>, AppError> {
    Ok(Json(dto(
        workspaces::archive(&state, &auth.caller, &ws).await?
    )))
}

#[utoipa::path(
    delete,
    path = "/api/v1/workspaces/{ws}",
    tag = "workspaces",
    summary = "Delete (owner, typed confirmation)",
    params(("ws" = String, Path, description = "Workspace id")),
    request_body = DeleteWorkspaceRequest,
    responses((status = 204, description = "Deleted"), crate::http::openapi::Problems)
)]
async fn delete(
    State(state): State<AppState>,
    auth: Authenticated,
    Path(ws): Path<String>,
    Json(req): Json<DeleteWorkspaceRequest>,
) -> Result<StatusCode, AppError> {
    workspaces::delete(&state, &auth.caller, &ws, req.confirm).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(
    get,
    path = "/api/v1/workspaces/{ws}/config",
    tag = "workspaces",
    summary = "Every configuration property",
    params(("ws" = String, Path, description = "Workspace id")),
    responses((status = 200, description = "Properties", body = Page<ConfigResponse>), crate::http::openapi::Problems)
)]
async fn list_config(
    State(state): State<AppState>,
    auth: Authenticated,
    Path(ws): Path<String>,
) -> Result<Json<Page<ConfigResponse>>, AppError> {
    let items = workspaces::list_config(&state, &auth.caller, &ws)
        .await?
        .into_iter()
        .map(|(key, value)| ConfigResponse { key, value })
        .collect();
    Ok(Json(Page {
        items,
        next_cursor: None,
    }))
}

#[utoipa::path(
    get,
    path = "/api/v1/workspaces/{ws}/config/{key}",
    tag = "workspaces",
    summary = "One configuration property",
    params(("ws" = String, Path, description = "Workspace id"), ("key" = String, Path, description = "Configuration key", pattern = "^[a-z0-9_.-]{1,64}$")),
    responses((status = 200, description = "The property", body = ConfigResponse), crate::http::openapi::Problems)
)]
async fn get_config(
    State(state): State<AppState>,
    auth: Authenticated,
    Path((ws, key)): Path<(String, String)>,
) -> Result<Json<ConfigResponse>, AppError> {
    let value = workspaces::get_config(&state, &auth.caller, &ws, &key).await?;
    Ok(Json(ConfigResponse { key, value }))
}

#[utoipa::path(
    put,
    path = "/api/v1/workspaces/{ws}/config/{key}",
    tag = "workspaces",
    summary = "Set a configuration property",
    params(("ws" = String, Path, description = "Workspace id"), ("key" = String, Path, description = "Configuration key", pattern = "^[a-z0-9_.-]{1,64}$")),
    request_body = PutConfigRequest,
    responses((status = 200, description = "Saved", body = ConfigResponse), crate::http::openapi::Problems)
)]
async fn put_config(
    State(state): State<AppState>,
    auth: Authenticated,
    Path((ws, key)): Path<(String, String)>,
    Json(req): Json<PutConfigRequest>,
) -> Result<Json<ConfigResponse>, AppError> {
    workspaces::put_config(&state, &auth.caller, &ws, &key, req.value.clone()).await?;
    Ok(Json(ConfigResponse {
        key,
        value: req.value,
    }))
}

#[utoipa::path(
    delete,
    path = "/api/v1/workspaces/{ws}/config/{key}",
    tag = "workspaces",
    summary = "Remove a configuration property",
    params(("ws" = String, Path, description = "Workspace id"), ("key" = String, Path, description = "Configuration key", pattern = "^[a-z0-9_.-]{1,64}$")),
    responses((status = 204, description = "Removed"), crate::http::openapi::Problems)
)]
async fn delete_config(
    State(state): State<AppState>,
    auth: Authenticated,
    Path((ws, key)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    workspaces::delete_config(&state, &auth.caller, &ws, &key).await?;
    Ok(StatusCode::NO_CONTENT)
}
