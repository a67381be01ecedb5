//! Small status pieces: a coloured badge and an error alert that says what
//! happened and what to do.

use crate::api::ApiError;
use leptos::prelude::*;

/// How a badge is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Green.
    Ok,
    /// Amber.
    Warn,
    /// Red.
    Bad,
}

/// A short coloured label.
#[component]
pub fn StatusBadge(tone: Tone, #[prop(into)] label: String) -> impl IntoView {
    let class = match tone {
        Tone::Ok => "badge ok",
        Tone::Warn => "badge warn",
        Tone::Bad => "badge bad",
    };
    view! { <span class=class>{label}</span> }
}

/// An API failure, announced to screen readers.
#[component]
pub fn ErrorAlert(error: ApiError) -> impl IntoView {
    let request_id = match &error {
        ApiError::Server(p) => p.request_id.clone(),
        _ => None,
    };
    view! {
        <div class="alert" role="alert">
            <div>
                <strong>"Something went wrong. "</strong>
                {error.to_string()}
                {request_id.map(|id| view! { <div class="muted">"Request id: " <code>{id}</code></div> })}
            </div>
        </div>
    }
}

/// A message under a form field, tied to it by `aria-describedby`.
#[component]
pub fn FieldError(#[prop(into)] id: String, message: Signal<Option<String>>) -> impl IntoView {
    view! {
        <p class="field-error" id=id aria-live="polite">
            {move || message.get()}
        </p>
    }
}
