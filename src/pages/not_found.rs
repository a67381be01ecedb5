//! The page for an address the app does not know.

use crate::router::A;
use leptos::prelude::*;

/// Shown for any unknown client-side route.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <section class="empty" data-testid="not-found">
            <div class="code" aria-hidden="true">"404"</div>
            <h1>"Page not found"</h1>
            <p class="muted">"There is nothing at this address. It may have moved, or the link may be mistyped."</p>
            <A href="/">"Go to the overview"</A>
        </section>
    }
}
