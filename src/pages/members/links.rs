//! Invitation links for the team table: find a member's pending invitation,
//! make a server path shareable, put text on the clipboard.

use crate::api::{self, ApiError};
use leptos::task::spawn_local;

/// A link the server gave as a path (no public URL configured) made shareable.
pub fn absolute(url: String) -> String {
    match web_sys::window().and_then(|w| w.location().origin().ok()) {
        Some(origin) if url.starts_with('/') => format!("{origin}{url}"),
        _ => url,
    }
}

pub fn copy_text(text: String) {
    spawn_local(async move {
        if let Some(w) = web_sys::window() {
            let promise = w.navigator().clipboard().write_text(&text);
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        }
    });
}

pub async fn invitation_of(ws: &str, member_id: &str) -> Result<String, ApiError> {
    let page = api::invitations(ws).await?;
    page.items
        .into_iter()
        .find(|i| i.member_id == member_id && i.status == "pending")
        .map(|i| i.id)
        .ok_or_else(|| {
            ApiError::Server(Box::new(roster_api::Problem::new(
                404,
                "not_found",
                "Not found",
                "This invitation is no longer pending. Reload the page.",
            )))
        })
}
