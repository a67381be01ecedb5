//! Serves the built web app: hashed assets (pre-compressed with gzip when the
//! build made `.gz` twins) and `index.html`, with 200, for every path without
//! a file extension, so client-side routes survive a reload. A missing asset
//! is a 404, never the shell, so a stale tab fails clearly after a deploy.

use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::path::Path;
use tower::ServiceExt as _;
use tower_http::services::{ServeDir, ServeFile};

/// The router's fallback: a file from `dist/`, or the app shell.
pub async fn serve(State(state): State<AppState>, req: Request) -> Response {
    let dist = &state.config.dist_dir;
    let is_asset = Path::new(req.uri().path()).extension().is_some();
    let headers = req.headers().clone();
    let files = ServeDir::new(dist).precompressed_gzip();
    let mut res = match files.oneshot(req).await {
        Ok(res) => res.map(Body::new),
        Err(never) => match never {},
    };
    if res.status() == StatusCode::NOT_FOUND && !is_asset {
        let mut shell = Request::new(Body::empty());
        *shell.headers_mut() = headers;
        res = match ServeFile::new(dist.join("index.html")).oneshot(shell).await {
            Ok(res) => res.map(Body::new),
            Err(never) => match never {},
        };
    }
    if res.status() == StatusCode::NOT_FOUND {
        return (StatusCode::NOT_FOUND, "Not found").into_response();
    }
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    let h = res.headers_mut();
    // The shell must be revalidated so a new build is picked up; the assets it
    // names carry content hashes, so browsers may keep them.
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if html {
            "no-cache"
        } else {
            "public, max-age=31536000, immutable"
        }),
    );
    // Some answers are gzip twins: caches must key on the encoding.
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    res
}
