//! Problem answers that belong to the router itself (unknown API paths,
//! wrong methods) and the stamp that puts the request id into every problem.

use crate::error::{AppError, problem_response};
use axum::body::{Body, HttpBody, to_bytes};
use axum::extract::Request;
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use roster_api::{PROBLEM_CONTENT_TYPE, Problem};

/// Problem bodies are small; a larger or unsized body is passed through untouched.
const MAX_PROBLEM_BYTES: usize = 64 * 1024;

/// Any path under `/api` that no route serves.
pub async fn api_not_found() -> Response {
    AppError::NotFound.into_response()
}

/// A known API path called with a method it does not have.
pub async fn method_not_allowed() -> Response {
    problem_response(&Problem::new(
        405,
        "method_not_allowed",
        "Method not allowed",
        "This address does not accept that method.",
    ))
}

/// Removes any `x-request-id` a client sent, so the server always makes its own.
pub async fn drop_client_request_id(mut req: Request) -> Request {
    req.headers_mut().remove("x-request-id");
    req
}

/// Adds the request id to every problem body, so a client can quote it.
pub async fn stamp_request_id(req: Request, next: Next) -> Response {
    let id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let res = next.run(req).await;
    let is_problem = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes() == PROBLEM_CONTENT_TYPE.as_bytes());
    let Some(id) = id.filter(|_| is_problem) else {
        return res;
    };
    let too_large = HttpBody::size_hint(res.body())
        .upper()
        .is_none_or(|n| n > MAX_PROBLEM_BYTES as u64);
    if too_large {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_PROBLEM_BYTES).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let body = match serde_json::from_slice::<Problem>(&bytes) {
        Ok(mut problem) => {
            problem.request_id = Some(id);
            let stamped = serde_json::to_vec(&problem).unwrap_or_else(|_| bytes.to_vec());
            parts.headers.remove(header::CONTENT_LENGTH);
            Body::from(stamped)
        }
        Err(_) => Body::from(bytes),
    };
    Response::from_parts(parts, body)
}
