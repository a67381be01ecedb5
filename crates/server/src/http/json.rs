//! `Json<T>`: the body extractor of every API handler. Its failures are
//! problems like every other error: 400 for a body that is not JSON (or not
//! sent as JSON), 413 past the size limit, 422 naming the field for a body
//! of the wrong shape (wrong type, missing or unknown field).

use crate::error::AppError;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use roster_api::{FieldError, Problem};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The largest request body the API accepts.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// A JSON request body or response.
#[derive(Debug, Clone, Copy, Default)]
pub struct Json<T>(pub T);

fn is_json(req: &Request) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|m| m.trim().to_ascii_lowercase())
        .is_some_and(|m| m == "application/json" || m.ends_with("+json"))
}

impl<S, T> FromRequest<S> for Json<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !is_json(&req) {
            return Err(AppError::BadRequest(
                "Send the body as JSON with `Content-Type: application/json`.".to_owned(),
            ));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                AppError::Problem(Box::new(Problem::new(
                    413,
                    "payload_too_large",
                    "Payload too large",
                    format!("The body may be at most {MAX_BODY_BYTES} bytes."),
                )))
            } else {
                AppError::BadRequest("The body could not be read.".to_owned())
            }
        })?;
        parse(&bytes).map(Json)
    }
}

/// Parses a body, telling syntax errors (400) from shape errors (422).
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    // Syntax first, over the whole body: bytes after a complete value make
    // the body malformed, never a value to act on with the tail ignored.
    serde_json::from_slice::<serde::de::IgnoredAny>(bytes)
        .map_err(|_| AppError::BadRequest("The body is not valid JSON.".to_owned()))?;
    // Every request body is an object; serde would also take a struct
    // written as an array of its fields in order, which no client means.
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Err(AppError::field("body", "Send a JSON object."));
    }
    if let Some(field) = super::nul::nul_in(bytes) {
        return Err(AppError::field(&field, super::nul::MESSAGE));
    }
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_data() {
            AppError::Validation(vec![FieldError {
                field: field_name(&path, &inner.to_string()),
                message: first_sentence(&inner.to_string()),
            }])
        } else {
            AppError::BadRequest("The body is not valid JSON.".to_owned())
        }
    })?;
    Ok(value)
}

/// The offending field: the path serde reached, or for a missing field
/// (reported one level up) the name its message quotes.
fn field_name(path: &str, message: &str) -> String {
    let quoted = message
        .split('`')
        .nth(1)
        .filter(|_| message.starts_with("missing field"));
    match (path, quoted) {
        (".", Some(name)) => name.to_owned(),
        (p, Some(name)) => format!("{p}.{name}"),
        (p, None) => p.to_owned(),
    }
}

fn first_sentence(message: &str) -> String {
    // serde_json appends " at line L column C"; that helps nobody filling a form.
    match message.find(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Body {
        name: String,
        age: u32,
    }

    #[test]
    fn shape_errors_name_the_field_and_syntax_errors_do_not() {
        let field = |json: &str| match parse::<Body>(json.as_bytes()) {
            Err(AppError::Validation(e)) => e[0].field.clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(field(r#"{"name":"a","age":"x"}"#), "age");
        assert_eq!(field(r#"{"name":"a"}"#), "age");
        assert_eq!(field(r#"{"name":"a","age":1,"extra":1}"#), "extra");
        for malformed in [
            &b"{nope"[..],
            b"",
            br#"{"name":"a","age":1} tail"#,
            b"{\"x\":1}}",
        ] {
            assert!(matches!(
                parse::<Body>(malformed),
                Err(AppError::BadRequest(_))
            ));
        }
    }
}
