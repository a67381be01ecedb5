//! The NUL character (U+0000) is refused everywhere: PostgreSQL cannot keep
//! it in text and no Roster value may hold it. A `%00` in the path or the
//! query is a 400 before any handler runs; a `\u0000` in a JSON body is a 422
//! naming the field (`json.rs` asks [`nul_in`]).

use crate::error::AppError;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse as _, Response};
use serde_json::Value;

/// What the problem says.
pub const MESSAGE: &str = "Text may not contain the NUL character (U+0000).";

/// Refuses a request whose path or query holds a percent-encoded NUL.
pub async fn refuse(req: Request, next: Next) -> Response {
    let uri = req.uri();
    if encoded_nul(uri.path()) || uri.query().is_some_and(encoded_nul) {
        return AppError::BadRequest(MESSAGE.to_owned()).into_response();
    }
    next.run(req).await
}

fn encoded_nul(raw: &str) -> bool {
    raw.as_bytes().windows(3).any(|w| w == b"%00")
}

/// The path of the first string (or key) in a JSON body that holds a NUL,
/// written like the shape errors' fields (`checks[0].action`).
pub fn nul_in(body: &[u8]) -> Option<String> {
    // Cheap first: JSON can only carry a NUL as the escape `\u0000`.
    if !body.windows(6).any(|w| w == b"\\u0000") {
        return None;
    }
    let value: Value = serde_json::from_slice(body).ok()?;
    find(&value, String::new())
}

fn find(value: &Value, at: String) -> Option<String> {
    let here = || {
        if at.is_empty() {
            "body".to_owned()
        } else {
            at.clone()
        }
    };
    match value {
        Value::String(s) if s.contains('\0') => Some(here()),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| find(v, format!("{at}[{i}]"))),
        Value::Object(map) => map.iter().find_map(|(k, v)| {
            let path = if at.is_empty() {
                k.clone()
            } else {
                format!("{at}.{k}")
            };
            if k.contains('\0') {
                Some(here())
            } else {
                find(v, path)
            }
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{encoded_nul, nul_in};

    #[test]
    fn nul_is_found_where_it_is_and_only_there() {
        assert_eq!(nul_in(br#"{"name":"ok"}"#), None);
        assert_eq!(nul_in(br#"{"name":"a\u0000b"}"#).as_deref(), Some("name"));
        let batch = br#"{"checks":[{"action":"x"},{"action":"\u0000"}]}"#;
        assert_eq!(nul_in(batch).as_deref(), Some("checks[1].action"));
        // The six characters `\u0000` written as text are not a NUL.
        assert_eq!(nul_in(br#"{"description":"\\u0000"}"#), None);
        assert!(encoded_nul("/api/v1/workspaces/%00") && !encoded_nul("q=%2500"));
    }
}
