//! A short confirmation at the bottom of the screen, announced politely to
//! screen readers, that goes away by itself.

use leptos::prelude::*;
use std::time::Duration;

/// The toast context: the current message, whether it reports a failure,
/// and a counter so a newer message is not cleared by an older timer
/// (signals of types the app already has: a new type costs the WASM more).
#[derive(Clone, Copy)]
pub struct Toasts {
    message: RwSignal<Option<String>>,
    bad: RwSignal<bool>,
    shown: RwSignal<usize>,
}

impl Toasts {
    /// Creates and provides the context.
    pub fn provide() -> Toasts {
        let t = Toasts {
            message: RwSignal::new(None),
            bad: RwSignal::new(false),
            shown: RwSignal::new(0),
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
        let n = self.shown.get_untracked() + 1;
        self.shown.set(n);
        self.bad.set(bad);
        self.message.set(Some(text));
        set_timeout(
            move || {
                if self.shown.get_untracked() == n {
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
            {move || t.message.get().map(|text| view! {
                <div class=if t.bad.get() { "toast bad" } else { "toast" } data-testid="toast">{text}</div>
            })}
        </div>
    }
}
