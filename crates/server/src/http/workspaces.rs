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

async fn list(
    State(state): State<AppState>,
    auth: Authenticated,
) -> Result<Json<Page<MyWorkspaceResponse>>, AppError> {
    let list = workspaces::list_mine(&state, &auth.caller).await?;
    let items = list
        .into_iter()
        .map(|w| MyWorkspaceResponse {
            archived: w.workspace_status == "archived",
            id: w.id,
            name: w.name,
            role: w.role,
            status: w.status,
        })
        .collect();
    Ok(Json(Page {
        items,
        next_cursor: None,
    }))
}

async fn create(
    State(state): State<AppState>,
    auth: Authenticated,
    Json(req): Json<CreateWorkspaceRequest>,
) -> Result<(StatusCode, Json<WorkspaceResponse>), AppError> {
    let seen = workspaces::create(&state, &auth.caller, req).await?;
    Ok((StatusCode::CREATED, Json(dto(seen))))
}

async fn read(
    State(state): State<AppState>,
    auth: Authenticated,
    Path(ws): Path<String>,
) -> Result<Json<WorkspaceResponse>, AppError> {
    Ok(Json(dto(workspaces::get(&state, &auth.caller, &ws).await?)))
}

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

async fn archive(
    State(state): State<AppState>,
    auth: Authenticated,
    Path(ws): Path<String>,
) -> Result<Json<WorkspaceResponse>, AppError> {
    Ok(Json(dto(
        workspaces::archive(&state, &auth.caller, &ws).await?
    )))
}

async fn delete(
    State(state): State<AppState>,
    auth: Authenticated,
    Path(ws): Path<String>,
    Json(req): Json<DeleteWorkspaceRequest>,
) -> Result<StatusCode, AppError> {
    workspaces::delete(&state, &auth.caller, &ws, req.confirm).await?;
    Ok(StatusCode::NO_CONTENT)
}

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

async fn get_config(
    State(state): State<AppState>,
    auth: Authenticated,
    Path((ws, key)): Path<(String, String)>,
) -> Result<Json<ConfigResponse>, AppError> {
    let value = workspaces::get_config(&state, &auth.caller, &ws, &key).await?;
    Ok(Json(ConfigResponse { key, value }))
}

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

async fn delete_config(
    State(state): State<AppState>,
    auth: Authenticated,
    Path((ws, key)): Path<(String, String)>,
) -> Result<StatusCode, AppError> {
    workspaces::delete_config(&state, &auth.caller, &ws, &key).await?;
    Ok(StatusCode::NO_CONTENT)
}
