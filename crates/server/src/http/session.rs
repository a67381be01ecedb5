//! Who is calling: the session cookie (`roster_session`, HttpOnly,
//! SameSite=Lax, Secure behind TLS), the CSRF check on unsafe methods (a
//! token derived from the session, plus the browser's cross-site signals),
//! the same-origin check of sign-up and log-in, and the caller's address.

use crate::error::AppError;
use crate::ops::Caller;
use crate::state::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, header};
use std::net::SocketAddr;

/// The session cookie's name.
pub const COOKIE: &str = "roster_session";
/// The header that carries the CSRF token.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// How long a session lasts.
pub const SESSION_DAYS: i64 = 30;

/// A signed-in caller whose CSRF token was checked on unsafe methods.
#[derive(Debug, Clone)]
pub struct Authenticated {
    /// The caller, for the ops layer.
    pub caller: Caller,
    /// The session's CSRF token.
    pub csrf_token: String,
    /// The session token (to end it).
    pub token: String,
}

/// The caller's address and user agent (for the audit log and rate limits).
#[derive(Debug, Clone)]
pub struct RequestMeta {
    /// Peer IP.
    pub ip: Option<String>,
    /// `User-Agent`.
    pub user_agent: Option<String>,
}

fn meta_of(parts: &Parts) -> RequestMeta {
    RequestMeta {
        ip: parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip().to_string()),
        user_agent: parts
            .headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|s| s.chars().take(256).collect()),
    }
}

impl<S: Send + Sync> FromRequestParts<S> for RequestMeta {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(meta_of(parts))
    }
}

fn session_token(parts: &Parts) -> Option<String> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .map(|(_, v)| v.to_owned())
        .filter(|v| !v.is_empty())
}

fn is_unsafe(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Compares without stopping at the first difference.
fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

impl FromRequestParts<AppState> for Authenticated {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let sent_csrf = parts
            .headers
            .get(CSRF_HEADER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let unsafe_method = is_unsafe(&parts.method);
        if unsafe_method && sent_csrf.is_none() {
            return Err(AppError::Csrf(
                "This request needs the X-CSRF-Token header from GET /api/v1/me.",
            ));
        }
        if unsafe_method && cross_site(&parts.headers) {
            return Err(AppError::Csrf(
                "Requests from other sites are refused; use Roster's own pages.",
            ));
        }
        let token = session_token(parts).ok_or(AppError::Unauthorized)?;
        let session = crate::ops::accounts::authenticate(state, &token)
            .await?
            .ok_or(AppError::Unauthorized)?;
        let csrf_token = crate::ops::accounts::csrf_token_for(&token);
        if unsafe_method && !sent_csrf.is_some_and(|c| same_secret(&c, &csrf_token)) {
            return Err(AppError::Csrf(
                "The X-CSRF-Token header does not match this session.",
            ));
        }
        let meta = meta_of(parts);
        Ok(Self {
            caller: Caller {
                user_id: session.user_id,
                ip: meta.ip,
                user_agent: meta.user_agent,
            },
            csrf_token,
            token,
        })
    }
}

/// Sign-up and log-in come only from our own pages: a browser's
/// `Sec-Fetch-Site: cross-site`, or an `Origin` naming another host, is refused.
#[derive(Debug, Clone, Copy)]
pub struct SameOrigin;

impl<S: Send + Sync> FromRequestParts<S> for SameOrigin {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        if cross_site(&parts.headers) {
            return Err(AppError::Csrf("Sign in from Roster's own pages."));
        }
        Ok(SameOrigin)
    }
}

/// Whether a browser says the request comes from another site: a
/// `Sec-Fetch-Site: cross-site`, or an `Origin` naming another host. Checked on
/// every unsafe method, on top of the CSRF token.
fn cross_site(h: &HeaderMap) -> bool {
    if h.get("sec-fetch-site").is_some_and(|v| v == "cross-site") {
        return true;
    }
    match h.get(header::ORIGIN).map(|v| v.to_str()) {
        None => false,
        Some(Ok(origin)) => {
            let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
            let host = h.get(header::HOST).and_then(|v| v.to_str().ok());
            host != Some(origin_host)
        }
        Some(Err(_)) => true,
    }
}

/// `Set-Cookie` for a new session.
pub fn session_cookie(token: &str, secure: bool) -> HeaderValue {
    let max_age = SESSION_DAYS * 24 * 3600;
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("roster_session=; Path=/"))
}

/// `Set-Cookie` that removes the session cookie.
pub fn cleared_cookie(secure: bool) -> HeaderValue {
    if secure {
        HeaderValue::from_static(
            "roster_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Secure",
        )
    } else {
        HeaderValue::from_static("roster_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
    }
}
