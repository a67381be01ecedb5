//! Security headers on every response: a CSP that lets the WebAssembly app
//! run without any inline script, no sniffing, no framing, no referrer
//! leaks of invitation links, and HSTS behind TLS.

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use std::sync::Arc;

/// The Content-Security-Policy sent with every response. Scripts only from
/// our origin plus `'wasm-unsafe-eval'` (needed to compile WebAssembly);
/// style sheets only from our origin, style attributes allowed (the UI sets
/// colours with them), images also over https (logos and avatars are URLs);
/// inline scripts never.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; \
script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; style-src-attr 'unsafe-inline'; \
img-src 'self' data: https:; font-src 'self'; connect-src 'self'; \
object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The precomputed header set.
#[derive(Debug, Clone)]
pub struct SecurityHeaders {
    headers: Vec<(HeaderName, HeaderValue)>,
}

impl SecurityHeaders {
    /// Headers for a deployment; `tls` adds Strict-Transport-Security.
    pub fn new(tls: bool) -> Self {
        let mut headers = vec![
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(CONTENT_SECURITY_POLICY),
            ),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
            (
                header::REFERRER_POLICY,
                HeaderValue::from_static("same-origin"),
            ),
            (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
            (
                HeaderName::from_static("cross-origin-opener-policy"),
                HeaderValue::from_static("same-origin"),
            ),
            (
                HeaderName::from_static("permissions-policy"),
                HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
            ),
        ];
        if tls {
            headers.push((
                header::STRICT_TRANSPORT_SECURITY,
                HeaderValue::from_static("max-age=31536000; includeSubDomains"),
            ));
        }
        Self { headers }
    }
}

/// Middleware: adds the headers to whatever the inner service answered.
pub async fn add_headers(
    State(security): State<Arc<SecurityHeaders>>,
    req: Request,
    next: Next,
) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    for (name, value) in &security.headers {
        h.insert(name.clone(), value.clone());
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csp_allows_wasm_but_no_inline_script() {
        let script_src = CONTENT_SECURITY_POLICY
            .split(';')
            .map(str::trim)
            .find(|d| d.starts_with("script-src"))
            .unwrap();
        assert!(script_src.contains("'wasm-unsafe-eval'"));
        assert!(!script_src.contains("unsafe-inline"));
        assert!(CONTENT_SECURITY_POLICY.contains("frame-ancestors 'none'"));
    }

    #[test]
    fn hsts_only_behind_tls() {
        let has_hsts = |s: &SecurityHeaders| {
            s.headers
                .iter()
                .any(|(n, _)| n == header::STRICT_TRANSPORT_SECURITY)
        };
        assert!(!has_hsts(&SecurityHeaders::new(false)));
        assert!(has_hsts(&SecurityHeaders::new(true)));
    }
}
