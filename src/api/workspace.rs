//! The workspace's own endpoints: settings, archive and delete,
//! configuration properties and the audit log.

use super::http::Request;
use super::{ApiError, fill, get, send, send_empty, send_json_empty};
use crate::state::audit::AuditEvent;
use roster_api::{
    ConfigResponse, DeleteWorkspaceRequest, ListAuditQuery, Page, PutConfigRequest,
    UpdateWorkspaceRequest, WorkspaceResponse, paths,
};

/// `PATCH /workspaces/{ws}`.
pub async fn update_workspace(
    ws: &str,
    req: &UpdateWorkspaceRequest,
) -> Result<WorkspaceResponse, ApiError> {
    send(Request::patch(&fill(paths::WORKSPACE, &[("ws", ws)])), req).await
}

/// `POST /workspaces/{ws}/archive`.
pub async fn archive_workspace(ws: &str) -> Result<(), ApiError> {
    send_empty(Request::post(&fill(
        paths::WORKSPACE_ARCHIVE,
        &[("ws", ws)],
    )))
    .await
}

/// `DELETE /workspaces/{ws}` with the typed name.
pub async fn delete_workspace(ws: &str, confirm: &str) -> Result<(), ApiError> {
    let body = DeleteWorkspaceRequest {
        confirm: confirm.to_owned(),
    };
    send_json_empty(
        Request::delete(&fill(paths::WORKSPACE, &[("ws", ws)])),
        &body,
    )
    .await
}

/// `GET /workspaces/{ws}/config` (every property).
pub async fn config(ws: &str) -> Result<Page<ConfigResponse>, ApiError> {
    get(Request::get(&fill(paths::WORKSPACE_CONFIG, &[("ws", ws)]))).await
}

/// `PUT /workspaces/{ws}/config/{key}`.
pub async fn put_config(ws: &str, key: &str, value: &str) -> Result<ConfigResponse, ApiError> {
    let path = fill(paths::WORKSPACE_CONFIG_KEY, &[("ws", ws), ("key", key)]);
    let body = PutConfigRequest {
        value: value.to_owned(),
    };
    send(Request::put(&path), &body).await
}

/// `DELETE /workspaces/{ws}/config/{key}`.
pub async fn delete_config(ws: &str, key: &str) -> Result<(), ApiError> {
    let path = fill(paths::WORKSPACE_CONFIG_KEY, &[("ws", ws), ("key", key)]);
    send_empty(Request::delete(&path)).await
}

/// The query pairs of an audit request (also used for the CSV link).
pub fn audit_params(q: &ListAuditQuery) -> Vec<(&'static str, String)> {
    [
        ("action", q.action.clone()),
        ("actor", q.actor.clone()),
        ("limit", q.limit.map(|l| l.to_string())),
        ("cursor", q.cursor.clone()),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.filter(|v| !v.is_empty()).map(|v| (k, v)))
    .collect()
}

/// `GET /workspaces/{ws}/audit`: one page, newest first.
pub async fn audit(ws: &str, q: &ListAuditQuery) -> Result<Page<AuditEvent>, ApiError> {
    let params = audit_params(q);
    let b = Request::get(&fill(paths::AUDIT, &[("ws", ws)]))
        .query(params.iter().map(|(k, v)| (*k, v.as_str())));
    get(b).await
}

/// The address of the CSV export of every event the filters match.
pub fn audit_csv_url(ws: &str, q: &ListAuditQuery) -> String {
    let mut url = fill(paths::AUDIT, &[("ws", ws)]);
    url.push_str("?format=csv");
    for (k, v) in audit_params(&ListAuditQuery {
        limit: None,
        cursor: None,
        ..q.clone()
    }) {
        url.push('&');
        url.push_str(k);
        url.push('=');
        url.push_str(&String::from(js_sys::encode_uri_component(&v)));
    }
    url
}
