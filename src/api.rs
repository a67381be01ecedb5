//! Typed HTTP client: one async fn per endpoint, the only code that talks
//! HTTP (through `http`, a thin layer on `fetch`).
//! A failed call is never turned into `None`: network, decoding and server
//! problems stay apart so the UI can say what happened. Unsafe methods carry
//! the CSRF token that `/me`, sign-up and log-in hand out.

mod http;
pub mod json;
mod workspace;

pub use workspace::{
    archive_workspace, audit, audit_csv_url, config, delete_config, delete_workspace, put_config,
    update_workspace,
};

use http::{Request, Response};
use roster_api::{
    AcceptInvitationRequest, AcceptedInvitationResponse, CreateInvitationsRequest,
    CreateWorkspaceRequest, InvitationLinkResponse, InvitationPreviewResponse, InvitationResponse,
    InvitationResultsResponse, ListMembersQuery, LoginRequest, MeResponse, MemberResponse,
    PROBLEM_CONTENT_TYPE, Page, Problem, ReadinessResponse, SessionResponse,
    SetLastWorkspaceRequest, SignupRequest, TransferOwnershipRequest, UpdateMemberRequest,
    WorkspaceResponse, paths,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::cell::RefCell;
use wasm_bindgen::JsValue;

/// Why a call failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// The server could not be reached.
    #[error("Roster could not be reached. Check your connection and try again.")]
    Network(String),
    /// The server answered something this app cannot read.
    #[error(
        "Roster answered in an unexpected way ({0}). Reload the page; if it persists, the app may be out of date."
    )]
    Decode(String),
    /// The server refused or failed, with its problem body (boxed: it is by
    /// far the largest variant).
    #[error("{}", .0.detail)]
    Server(Box<Problem>),
}

impl ApiError {
    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Server(p) => Some(p.status),
            _ => None,
        }
    }

    /// The server's message for one field of the request, if it named one.
    pub fn field(&self, name: &str) -> Option<String> {
        match self {
            Self::Server(p) => p
                .errors
                .iter()
                .find(|e| e.field == name)
                .map(|e| e.message.clone()),
            _ => None,
        }
    }

    /// Whether the problem is about named fields (shown beside them, not above).
    pub fn has_field_errors(&self) -> bool {
        matches!(self, Self::Server(p) if !p.errors.is_empty())
    }
}

thread_local! {
    static CSRF: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Remembers the CSRF token for later unsafe requests.
pub fn set_csrf(token: Option<String>) {
    CSRF.with(|c| *c.borrow_mut() = token);
}

fn csrf() -> String {
    CSRF.with(|c| c.borrow().clone()).unwrap_or_default()
}

/// An API path with `{name}` placeholders filled in (ids are URL-encoded).
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = format!("{}{template}", paths::API_PREFIX);
    for (name, value) in args {
        let encoded = String::from(js_sys::encode_uri_component(value));
        out = out.replace(&format!("{{{name}}}"), &encoded);
    }
    out
}

async fn check(res: &Response) -> Result<(), ApiError> {
    if res.ok() {
        return Ok(());
    }
    let is_problem = res
        .header("content-type")
        .is_some_and(|ct| ct.starts_with(PROBLEM_CONTENT_TYPE));
    if is_problem {
        let problem: Problem = decode(body_json(res).await?)?;
        Err(ApiError::Server(Box::new(problem)))
    } else {
        Err(ApiError::Server(Box::new(Problem::new(
            res.status(),
            "unexpected_status",
            "Unexpected answer",
            format!(
                "The server answered {} {}.",
                res.status(),
                res.status_text()
            ),
        ))))
    }
}

fn net(e: String) -> ApiError {
    ApiError::Network(e)
}

// The async plumbing below is not generic: only `encode` and `decode` are
// compiled once per wire type, which keeps the WASM small.

/// Sends `req`; the body of a successful answer, or why there is none.
async fn fetch(req: Request) -> Result<Response, ApiError> {
    let res = req.send().await.map_err(net)?;
    check(&res).await?;
    Ok(res)
}

/// The JSON body of an answer, parsed by the browser.
async fn body_json(res: &Response) -> Result<JsValue, ApiError> {
    let text = res.text().await.map_err(ApiError::Decode)?;
    js_sys::JSON::parse(&text).map_err(|e| ApiError::Decode(http::message(e)))
}

async fn fetch_json(req: Request) -> Result<JsValue, ApiError> {
    body_json(&fetch(req).await?).await
}

/// A wire type from parsed JSON (read from the JS values directly: no JSON
/// parser in the WASM).
fn decode<T: DeserializeOwned>(json: JsValue) -> Result<T, ApiError> {
    json::from_value(json).map_err(|e| ApiError::Decode(e.to_string()))
}

/// A request body as JSON text.
fn encode<B: Serialize>(body: &B) -> Result<String, ApiError> {
    json::to_string(body).map_err(|e| ApiError::Network(e.to_string()))
}

async fn get<T: DeserializeOwned>(req: Request) -> Result<T, ApiError> {
    decode(fetch_json(req).await?)
}

fn unsafe_call(b: Request) -> Request {
    b.header("X-CSRF-Token", &csrf())
}

/// An unsafe request with a JSON body.
fn with_json(b: Request, json: String) -> Request {
    unsafe_call(b)
        .header("Content-Type", "application/json")
        .body(json)
}

async fn send<B: Serialize, T: DeserializeOwned>(b: Request, body: &B) -> Result<T, ApiError> {
    let req = with_json(b, encode(body)?);
    decode(fetch_json(req).await?)
}

async fn send_empty(b: Request) -> Result<(), ApiError> {
    fetch(unsafe_call(b)).await.map(drop)
}

async fn send_json_empty<B: Serialize>(b: Request, body: &B) -> Result<(), ApiError> {
    fetch(with_json(b, encode(body)?)).await.map(drop)
}

/// `GET /readyz`: the server's state and database.
pub async fn readiness() -> Result<ReadinessResponse, ApiError> {
    get(Request::get(paths::READYZ)).await
}

/// `POST /auth/signup`.
pub async fn signup(req: &SignupRequest) -> Result<SessionResponse, ApiError> {
    let s: SessionResponse = send(Request::post(&fill(paths::SIGNUP, &[])), req).await?;
    set_csrf(Some(s.csrf_token.clone()));
    Ok(s)
}

/// `POST /auth/login`.
pub async fn login(req: &LoginRequest) -> Result<SessionResponse, ApiError> {
    let s: SessionResponse = send(Request::post(&fill(paths::LOGIN, &[])), req).await?;
    set_csrf(Some(s.csrf_token.clone()));
    Ok(s)
}

/// `POST /auth/logout`.
pub async fn logout() -> Result<(), ApiError> {
    let r = send_empty(Request::post(&fill(paths::LOGOUT, &[]))).await;
    set_csrf(None);
    r
}

/// `GET /me`: the user, workspaces, invitations and a fresh CSRF token.
pub async fn me() -> Result<MeResponse, ApiError> {
    let me: MeResponse = get(Request::get(&fill(paths::ME, &[]))).await?;
    set_csrf(Some(me.csrf_token.clone()));
    Ok(me)
}

/// `PUT /me/last-workspace`.
pub async fn set_last_workspace(ws: &str) -> Result<(), ApiError> {
    let body = SetLastWorkspaceRequest {
        workspace_id: ws.to_owned(),
    };
    send_json_empty(Request::put(&fill(paths::ME_LAST_WORKSPACE, &[])), &body).await
}

/// `POST /workspaces`.
pub async fn create_workspace(req: &CreateWorkspaceRequest) -> Result<WorkspaceResponse, ApiError> {
    send(Request::post(&fill(paths::WORKSPACES, &[])), req).await
}

/// `GET /workspaces/{ws}`.
pub async fn workspace(ws: &str) -> Result<WorkspaceResponse, ApiError> {
    get(Request::get(&fill(paths::WORKSPACE, &[("ws", ws)]))).await
}

/// `GET /workspaces/{ws}/members`: one page of the team table.
pub async fn members(ws: &str, q: &ListMembersQuery) -> Result<Page<MemberResponse>, ApiError> {
    let mut params: Vec<(&str, String)> = Vec::new();
    let opts = [
        ("q", q.q.clone()),
        ("status", q.status.clone()),
        ("sort", q.sort.clone()),
        ("order", q.order.clone()),
        ("limit", q.limit.map(|l| l.to_string())),
        ("cursor", q.cursor.clone()),
    ];
    for (k, v) in opts {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            params.push((k, v));
        }
    }
    let b = Request::get(&fill(paths::MEMBERS, &[("ws", ws)]))
        .query(params.iter().map(|(k, v)| (*k, v.as_str())));
    get(b).await
}

/// `PATCH /workspaces/{ws}/members/{member}`.
pub async fn update_member(
    ws: &str,
    member: &str,
    req: &UpdateMemberRequest,
) -> Result<MemberResponse, ApiError> {
    let path = fill(paths::MEMBER, &[("ws", ws), ("member", member)]);
    send(Request::patch(&path), req).await
}

/// `DELETE /workspaces/{ws}/members/{member}`.
pub async fn remove_member(ws: &str, member: &str) -> Result<(), ApiError> {
    let path = fill(paths::MEMBER, &[("ws", ws), ("member", member)]);
    send_empty(Request::delete(&path)).await
}

/// `POST /workspaces/{ws}/leave`.
pub async fn leave(ws: &str) -> Result<(), ApiError> {
    send_empty(Request::post(&fill(paths::LEAVE, &[("ws", ws)]))).await
}

/// `POST /workspaces/{ws}/ownership-transfer`.
pub async fn transfer_ownership(ws: &str, member_id: &str) -> Result<MemberResponse, ApiError> {
    let body = TransferOwnershipRequest {
        member_id: member_id.to_owned(),
        confirm: true,
    };
    send(
        Request::post(&fill(paths::OWNERSHIP_TRANSFER, &[("ws", ws)])),
        &body,
    )
    .await
}

/// `POST /workspaces/{ws}/invitations`: a verdict per row.
pub async fn invite(
    ws: &str,
    req: &CreateInvitationsRequest,
) -> Result<InvitationResultsResponse, ApiError> {
    send(Request::post(&fill(paths::INVITATIONS, &[("ws", ws)])), req).await
}

/// `GET /workspaces/{ws}/invitations` (first 200).
pub async fn invitations(ws: &str) -> Result<Page<InvitationResponse>, ApiError> {
    let b = Request::get(&fill(paths::INVITATIONS, &[("ws", ws)])).query([("limit", "200")]);
    get(b).await
}

/// `POST /workspaces/{ws}/invitations/{id}/resend`.
pub async fn resend_invitation(ws: &str, id: &str) -> Result<(), ApiError> {
    let path = fill(paths::INVITATION_RESEND, &[("ws", ws), ("id", id)]);
    send_empty(Request::post(&path)).await
}

/// `GET /workspaces/{ws}/invitations/{id}/link`: a fresh link.
pub async fn invitation_link(ws: &str, id: &str) -> Result<InvitationLinkResponse, ApiError> {
    get(Request::get(&fill(
        paths::INVITATION_LINK,
        &[("ws", ws), ("id", id)],
    )))
    .await
}

/// `DELETE /workspaces/{ws}/invitations/{id}`.
pub async fn revoke_invitation(ws: &str, id: &str) -> Result<(), ApiError> {
    let path = fill(paths::INVITATION, &[("ws", ws), ("id", id)]);
    send_empty(Request::delete(&path)).await
}

/// `POST /invitations/{id}/accept`.
pub async fn accept_invitation(id: &str) -> Result<AcceptedInvitationResponse, ApiError> {
    let path = fill(paths::MY_INVITATION_ACCEPT, &[("id", id)]);
    decode(fetch_json(unsafe_call(Request::post(&path))).await?)
}

/// `POST /invitations/{id}/decline`.
pub async fn decline_invitation(id: &str) -> Result<(), ApiError> {
    send_empty(Request::post(&fill(
        paths::MY_INVITATION_DECLINE,
        &[("id", id)],
    )))
    .await
}

/// `GET /invitations/lookup`: what an invitation link offers.
pub async fn invitation_lookup(token: &str) -> Result<InvitationPreviewResponse, ApiError> {
    let b = Request::get(&fill(paths::INVITATION_LOOKUP, &[])).query([("token", token)]);
    get(b).await
}

/// `POST /invitations/accept`: accept by the emailed token.
pub async fn accept_invitation_token(token: &str) -> Result<AcceptedInvitationResponse, ApiError> {
    let body = AcceptInvitationRequest {
        token: token.to_owned(),
    };
    send(
        Request::post(&fill(paths::INVITATION_ACCEPT_TOKEN, &[])),
        &body,
    )
    .await
}
