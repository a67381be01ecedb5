//! Serves the built web app: hashed assets (pre-compressed with gzip when the
//! build made `.gz` twins) and `index.html` for every other path, with 200,
//! so client-side routes survive a reload.

use axum::http::{HeaderValue, header};
use std::path::PathBuf;
use tower::ServiceBuilder;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

/// The static-file service with its SPA fallback.
pub fn service(
    dist: PathBuf,
) -> impl tower::Service<
    axum::http::Request<axum::body::Body>,
    Response = axum::response::Response<tower_http::services::fs::ServeFileSystemResponseBody>,
    Error = std::convert::Infallible,
    Future = impl Send,
> + Clone
+ Send
+ Sync
+ 'static {
    let index = ServeFile::new(dist.join("index.html"));
    let files = ServeDir::new(&dist)
        .precompressed_gzip()
        .append_index_html_on_directories(true)
        .fallback(index);
    // The shell must be revalidated so a new build is picked up; the assets it
    // names carry content hashes, so the browser may keep them.
    ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            |res: &axum::response::Response<_>| {
                let html = res
                    .headers()
                    .get(header::CONTENT_TYPE)
                    .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
                Some(HeaderValue::from_static(if html {
                    "no-cache"
                } else {
                    "public, max-age=31536000, immutable"
                }))
            },
        ))
        .service(files)
}
