//! A short confirmation at the bottom of the screen, announced politely to
//! screen readers, that goes away by itself.

use leptos::prelude::*;
use std::time::Duration;

/// The toast context: the current message and a counter so a newer message
/// is not cleared by an older timer.
#[derive(Clone, Copy)]
pub struct Toasts {
    message: RwSignal<Option<(u32, String, bool)>>,
}

impl Toasts {
    /// Creates and provides the context.
    pub fn provide() -> Toasts {
        let t = Toasts {
            message: RwSignal::new(None),
        };
        provide_context(t);
        t
    }

    /// Shows a confirmation.
    pub fn ok(self, text: impl Into<String>) {
        self.show(text.into(), false);
    }

    /// Shows a failure.
    pub fn error(self, text: impl Into<String>) {
        self.show(text.into(), true);
    }

    fn show(self, text: String, bad: bool) {
        let n = self
            .message
            .with_untracked(|m| m.as_ref().map_or(0, |m| m.0))
            + 1;
        self.message.set(Some((n, text, bad)));
        set_timeout(
            move || {
                if self.message.with_untracked(|m| m.as_ref().map(|m| m.0)) == Some(n) {
                    self.message.set(None);
                }
            },
            Duration::from_secs(5),
        );
    }
}

/// The toast context.
pub fn use_toasts() -> Toasts {
    expect_context::<Toasts>()
}

/// Where toasts appear.
#[component]
pub fn Toast() -> impl IntoView {
    let t = use_toasts();
    view! {
        <div class="toast-region" role="status" aria-live="polite">
            {move || t.message.get().map(|(_, text, bad)| view! {
                <div class=if bad { "toast bad" } else { "toast" } data-testid="toast">{text}</div>
            })}
        </div>
    }
}
