//! `/auth/signup`, `/auth/login`, `/auth/logout`, `/me`, `/me/last-workspace`.

use super::json::Json;
use super::session::{Authenticated, RequestMeta, SameOrigin, cleared_cookie, session_cookie};
use crate::error::AppError;
use crate::ops::accounts;
use crate::state::AppState;
use crate::store::users::User;
use crate::store::workspaces::MyWorkspace;
use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use roster_api::{
    LoginRequest, MeResponse, MyWorkspaceResponse, PendingInvitationResponse, SessionResponse,
    SetLastWorkspaceRequest, SignupRequest, UserResponse, paths,
};

/// The account routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(paths::SIGNUP, post(signup))
        .route(paths::LOGIN, post(login))
        .route(paths::LOGOUT, post(logout))
        .route(paths::ME, get(me))
        .route(paths::ME_LAST_WORKSPACE, put(set_last_workspace))
}

/// The wire form of a user.
pub fn user_dto(u: User) -> UserResponse {
    UserResponse {
        id: u.id,
        email: u.email,
        name: u.name,
        avatar_url: u.avatar_url,
    }
}

/// The wire form of one of the caller's workspaces.
pub fn my_workspace_dto(w: MyWorkspace) -> MyWorkspaceResponse {
    MyWorkspaceResponse {
        archived: w.workspace_status == "archived",
        id: w.id,
        name: w.name,
        role: w.role,
        status: w.status,
        logo_url: w.logo_url,
        colour: w.colour,
    }
}

fn signed_in(
    state: &AppState,
    status: StatusCode,
    user: User,
    session: accounts::NewSession,
) -> Response {
    let body = SessionResponse {
        user: user_dto(user),
        csrf_token: session.csrf_token,
    };
    let cookie = session_cookie(&session.token, state.config.behind_tls());
    (status, [(header::SET_COOKIE, cookie)], Json(body)).into_response()
}

#[utoipa::path(
    post,
    path = "/api/v1/auth/signup",
    tag = "accounts",
    summary = "Create an account and sign in",
    request_body = SignupRequest,
    responses((status = 201, description = "Signed in; sets the session cookie", body = SessionResponse), crate::http::openapi::PublicProblems)
)]
async fn signup(
    State(state): State<AppState>,
    _: SameOrigin,
    meta: RequestMeta,
    Json(req): Json<SignupRequest>,
) -> Result<Response, AppError> {
    let (user, session) = accounts::sign_up(&state, req, meta.ip.as_deref()).await?;
    Ok(signed_in(&state, StatusCode::CREATED, user, session))
}

#[utoipa::path(
    post,
    path = "/api/v1/auth/login",
    tag = "accounts",
    summary = "Sign in",
    request_body = LoginRequest,
    responses((status = 200, description = "Signed in; sets the session cookie", body = SessionResponse), crate::http::openapi::PublicProblems)
)]
async fn login(
    State(state): State<AppState>,
    _: SameOrigin,
    meta: RequestMeta,
    Json(req): Json<LoginRequest>,
) -> Result<Response, AppError> {
    let (user, session) = accounts::log_in(&state, &meta, req).await?;
    Ok(signed_in(&state, StatusCode::OK, user, session))
}

#[utoipa::path(
    post,
    path = "/api/v1/auth/logout",
    tag = "accounts",
    summary = "Sign out",
    responses((status = 204, description = "Signed out; clears the cookie"), crate::http::openapi::Problems)
)]
async fn logout(State(state): State<AppState>, auth: Authenticated) -> Result<Response, AppError> {
    accounts::log_out(&state, &auth.token).await?;
    let cookie = cleared_cookie(state.config.behind_tls());
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]).into_response())
}

#[utoipa::path(
    get,
    path = "/api/v1/me",
    tag = "accounts",
    summary = "The signed-in user, workspaces, invitations and CSRF token",
    responses((status = 200, description = "The caller", body = MeResponse), crate::http::openapi::Problems)
)]
async fn me(
    State(state): State<AppState>,
    auth: Authenticated,
) -> Result<Json<MeResponse>, AppError> {
    let me = accounts::me(&state, &auth.caller).await?;
    let last_workspace_id = me.user.last_workspace_id.clone();
    Ok(Json(MeResponse {
        user: user_dto(me.user),
        workspaces: me.workspaces.into_iter().map(my_workspace_dto).collect(),
        last_workspace_id,
        pending_invitations: me
            .pending_invitations
            .into_iter()
            .map(|i| PendingInvitationResponse {
                id: i.id,
                workspace_id: i.workspace_id,
                workspace_name: i.workspace_name,
                role: i.role,
                invited_by: i.invited_by,
                expires_at: i.expires_at,
            })
            .collect(),
        join_suggestions: Vec::new(),
        csrf_token: auth.csrf_token,
    }))
}

#[utoipa::path(
    put,
    path = "/api/v1/me/last-workspace",
    tag = "accounts",
    summary = "Remember the workspace switched to",
    request_body = SetLastWorkspaceRequest,
    responses((status = 204, description = "Remembered"), crate::http::openapi::Problems)
)]
async fn set_last_workspace(
    State(state): State<AppState>,
    auth: Authenticated,
    Json(req): Json<SetLastWorkspaceRequest>,
) -> Result<StatusCode, AppError> {
    accounts::set_last_workspace(&state, &auth.caller, &req.workspace_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
