//! `GET /workspaces/{ws}/audit`: the audit log, newest first, cursor-paged.

use super::json::Json;
use super::paging;
use super::session::Authenticated;
use crate::error::AppError;
use crate::ops::audit;
use crate::state::AppState;
use crate::store::audit::AuditPage;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::routing::get;
use roster_api::{AuditEventResponse, ListAuditQuery, Page, paths};

/// The audit routes.
pub fn routes() -> Router<AppState> {
    Router::new().route(paths::AUDIT, get(list))
}

fn page_of(q: ListAuditQuery) -> Result<AuditPage, AppError> {
    Ok(AuditPage {
        limit: paging::limit_of(q.limit)? + 1,
        before: paging::decode(q.cursor.as_deref())?,
        action: q.action,
        actor: q.actor,
    })
}

fn json_of(text: Option<String>) -> Option<serde_json::Value> {
    text.and_then(|t| serde_json::from_str(&t).ok())
}

#[utoipa::path(
    get,
    path = "/api/v1/workspaces/{ws}/audit",
    tag = "audit",
    summary = "The audit log, newest first",
    params(("ws" = String, Path, description = "Workspace id"), ListAuditQuery),
    responses((status = 200, description = "One page", body = Page<AuditEventResponse>), crate::http::openapi::Problems)
)]
async fn list(
    State(state): State<AppState>,
    auth: Authenticated,
    Path(ws): Path<String>,
    query: Result<Query<ListAuditQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Page<AuditEventResponse>>, AppError> {
    let Query(query) = query.map_err(|e| AppError::field("query", e.body_text()))?;
    let page = page_of(query)?;
    let events = audit::list(&state, &auth.caller, &ws, &page).await?;
    let (events, next_cursor) =
        paging::split(events, page.limit - 1, |e| paging::encode(&e.at, &e.id));
    let items = events
        .into_iter()
        .map(|e| AuditEventResponse {
            id: e.id,
            actor: e.actor,
            action: e.action,
            target: e.target,
            before: json_of(e.before),
            after: json_of(e.after),
            at: e.at,
            ip: e.ip,
            user_agent: e.user_agent,
        })
        .collect();
    Ok(Json(Page { items, next_cursor }))
}
