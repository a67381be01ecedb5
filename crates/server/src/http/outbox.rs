//! `GET /workspaces/{ws}/outbox`: the mail Roster sent or holds for the
//! workspace, newest first, cursor-paged.

use super::json::Json;
use super::paging;
use super::session::Authenticated;
use crate::error::AppError;
use crate::ops::outbox;
use crate::state::AppState;
use crate::store::outbox::OutboxEntry;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::routing::get;
use roster_api::{OutboxMessageResponse, Page, PageQuery, paths};

/// The outbox route.
pub fn routes() -> Router<AppState> {
    Router::new().route(paths::OUTBOX, get(list))
}

fn dto(m: OutboxEntry) -> OutboxMessageResponse {
    let delivery = m.delivery();
    OutboxMessageResponse {
        id: m.id,
        recipient: m.recipient,
        subject: m.subject,
        body: m.body,
        created_at: m.created_at,
        delivery: delivery.to_owned(),
        sent_at: m.sent_at,
        attempts: u32::try_from(m.attempts).unwrap_or(0),
        last_error: m.last_error,
    }
}

#[utoipa::path(
    get,
    path = "/api/v1/workspaces/{ws}/outbox",
    tag = "invitations",
    summary = "The workspace's mail: sent, queued, or held when no SMTP server is configured",
    params(("ws" = String, Path, description = "Workspace id"), PageQuery),
    responses((status = 200, description = "One page, newest first", body = Page<OutboxMessageResponse>), crate::http::openapi::Problems)
)]
pub(crate) async fn list(
    State(state): State<AppState>,
    auth: Authenticated,
    Path(ws): Path<String>,
    query: Result<Query<PageQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Page<OutboxMessageResponse>>, AppError> {
    let Query(query) = query.map_err(|e| AppError::field("query", e.body_text()))?;
    let limit = paging::limit_of(query.limit)?;
    let before = paging::decode(query.cursor.as_deref())?;
    let rows = outbox::list(&state, &auth.caller, &ws, before, limit + 1).await?;
    let (rows, next_cursor) = paging::split(rows, limit, |m| paging::encode(&m.created_at, &m.id));
    Ok(Json(Page {
        items: rows.into_iter().map(dto).collect(),
        next_cursor,
    }))
}
