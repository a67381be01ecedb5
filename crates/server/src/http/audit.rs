//! `GET /workspaces/{ws}/audit`: the audit log, newest first, cursor-paged
//! as JSON or downloaded whole as CSV.

use super::json::Json;
use super::paging;
use super::session::Authenticated;
use crate::error::AppError;
use crate::ops::audit;
use crate::state::AppState;
use crate::store::audit::AuditEvent;
use crate::store::audit::AuditPage;
use axum::Router;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::StreamExt as _;
use roster_api::audit::{AUDIT_CSV_COLUMNS, AuditFormat};
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
    responses(
        (status = 200, description = "One page, or with `format=csv` (or `Accept: text/csv`) every matching event",
            content(
                (Page<AuditEventResponse> = "application/json"),
                (String = "text/csv")
            )
        ),
        crate::http::openapi::Problems
    )
)]
async fn list(
    State(state): State<AppState>,
    auth: Authenticated,
    Path(ws): Path<String>,
    headers: HeaderMap,
    query: Result<Query<ListAuditQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, AppError> {
    let Query(query) = query.map_err(|e| AppError::field("query", e.body_text()))?;
    let wants_csv = match query.format {
        Some(f) => f == AuditFormat::Csv,
        // Content negotiation, simply: CSV when it is the first type asked for.
        None => headers
            .get(header::ACCEPT)
            .and_then(|a| a.to_str().ok())
            .and_then(|a| a.split(',').next())
            .is_some_and(|first| first.trim().starts_with("text/csv")),
    };
    // Checked in both formats, so a malformed `limit` or `cursor` is refused
    // even where the CSV export does not use it.
    let page = page_of(query.clone())?;
    if wants_csv {
        return export(&state, &auth, &ws, query).await;
    }
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
    Ok(Json(Page { items, next_cursor }).into_response())
}

/// Streams every matching event as CSV; the header row always comes first,
/// so an empty log downloads as a file with just the column names.
async fn export(
    state: &AppState,
    auth: &Authenticated,
    ws: &str,
    query: ListAuditQuery,
) -> Result<Response, AppError> {
    let filter = AuditPage {
        limit: 0,
        before: None,
        action: query.action,
        actor: query.actor,
    };
    let chunks = audit::export(state, &auth.caller, ws, filter).await?;
    let mut head = String::new();
    super::csv::push_record(&mut head, AUDIT_CSV_COLUMNS);
    let head = futures_util::stream::once(async move { Ok::<_, AppError>(head) });
    let rows = chunks.map(|chunk| chunk.map(|events| csv_rows(&events)));
    let body = Body::from_stream(head.chain(rows).map(|r| {
        r.map_err(|e| {
            tracing::error!(error = %e, "audit export stopped");
            std::io::Error::other("audit export stopped")
        })
    }));
    let filename = format!(
        "attachment; filename=\"roster-audit-{}.csv\"",
        ws.replace(
            |c: char| !c.is_ascii_alphanumeric() && c != '_' && c != '-',
            ""
        )
    );
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(v) = HeaderValue::from_str(&filename) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}

fn csv_rows(events: &[AuditEvent]) -> String {
    let mut out = String::with_capacity(events.len() * 160);
    for e in events {
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        super::csv::push_record(
            &mut out,
            [
                e.at.as_str(),
                e.action.as_str(),
                &opt(&e.actor),
                &opt(&e.target),
                &opt(&e.ip),
                &opt(&e.user_agent),
                &opt(&e.before),
                &opt(&e.after),
                e.id.as_str(),
            ],
        );
    }
    out
}
