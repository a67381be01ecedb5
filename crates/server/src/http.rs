//! The router: API routes under `/api/v1`, the probes, and the web app with
//! an SPA fallback, wrapped in request ids, tracing and security headers;
//! every request runs to completion even if the client leaves (`detach.rs`).

pub mod accounts;
pub mod audit;
pub mod authorize;
pub mod csv;
pub mod detach;
pub mod health;
pub mod invitations;
pub mod json;
pub mod members;
pub mod nul;
pub mod openapi;
pub mod outbox;
pub mod paging;
pub mod problems;
pub mod security;
pub mod session;
pub mod spa;
pub mod workspaces;

use crate::state::AppState;
use axum::Router;
use axum::routing::{any, get};
use roster_api::paths;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

/// Builds the whole application: what the binary serves and the tests call.
pub fn app(state: AppState) -> Router {
    let api = Router::new()
        .merge(accounts::routes())
        .merge(workspaces::routes())
        .merge(members::routes())
        .merge(invitations::routes())
        .merge(audit::routes())
        .merge(authorize::routes())
        .merge(outbox::routes())
        .merge(openapi::routes())
        .layer(axum::extract::DefaultBodyLimit::max(json::MAX_BODY_BYTES))
        .fallback(problems::api_not_found)
        .method_not_allowed_fallback(problems::method_not_allowed);

    Router::new()
        .route(paths::HEALTHZ, get(health::healthz))
        .route(paths::READYZ, get(health::readyz))
        .nest(paths::API_PREFIX, api)
        .route("/api", any(problems::api_not_found))
        .route("/api/{*rest}", any(problems::api_not_found))
        .route("/api/", any(problems::api_not_found))
        .fallback(spa::serve)
        .layer(axum::middleware::from_fn(detach::run_to_completion))
        .layer(axum::middleware::from_fn(nul::refuse))
        .layer(axum::middleware::from_fn(problems::stamp_request_id))
        .layer(axum::middleware::from_fn_with_state(
            state.security.clone(),
            security::add_headers,
        ))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(trace_span)
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        // Ids are always ours: a client cannot choose what the logs say.
        .layer(axum::middleware::map_request(
            problems::drop_client_request_id,
        ))
        .with_state(state)
}

fn trace_span(req: &axum::http::Request<axum::body::Body>) -> tracing::Span {
    let id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %id)
}
