//! `?limit=&cursor=` for the simple lists: the limit's bounds and an opaque
//! cursor holding the last row's (sort key, id).

use crate::error::AppError;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use roster_api::page::{DEFAULT_LIMIT, MAX_LIMIT};

/// The page size asked for, checked.
pub fn limit_of(limit: Option<u32>) -> Result<u32, AppError> {
    let limit = limit.unwrap_or(DEFAULT_LIMIT);
    if (1..=MAX_LIMIT).contains(&limit) {
        Ok(limit)
    } else {
        Err(AppError::field("limit", format!("Use 1 to {MAX_LIMIT}.")))
    }
}

/// Reads a cursor made by [`encode`].
pub fn decode(cursor: Option<&str>) -> Result<Option<(String, String)>, AppError> {
    let Some(c) = cursor.filter(|c| !c.is_empty()) else {
        return Ok(None);
    };
    let bytes = URL_SAFE_NO_PAD.decode(c).ok();
    let pair = bytes.and_then(|b| serde_json::from_slice::<(String, String)>(&b).ok());
    pair.map(Some)
        .ok_or_else(|| AppError::field("cursor", "This cursor is not valid."))
}

/// The cursor after a row with this sort key and id.
pub fn encode(key: &str, id: &str) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::json!([key, id]).to_string())
}

/// Cuts the extra row fetched to learn whether another page exists, and
/// makes the next cursor from the last row kept.
pub fn split<T>(
    mut rows: Vec<T>,
    limit: u32,
    cursor: impl Fn(&T) -> String,
) -> (Vec<T>, Option<String>) {
    let limit = limit as usize;
    if rows.len() > limit {
        rows.truncate(limit);
        let next = rows.last().map(cursor);
        (rows, next)
    } else {
        (rows, None)
    }
}
