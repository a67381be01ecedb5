//! Shown for a workspace link I am not (or no longer actively) a member of.

use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;

/// "You don't have access", with a way back to my own workspaces.
#[component]
pub fn NoAccessPage(#[prop(optional)] deactivated: bool) -> impl IntoView {
    let session = use_session();
    let home = move || session.home_path();
    view! {
        <section class="empty" data-testid="no-access">
            <div class="empty-icon" aria-hidden="true">"\u{1F512}"</div>
            <h1>{if deactivated { "Your access is paused" } else { "You don't have access to this workspace" }}</h1>
            <p class="muted">{if deactivated {
                "Your membership of this workspace is deactivated. Ask an owner to reactivate it."
            } else {
                "It may not exist, or you are not a member. Ask an admin of the workspace to invite you."
            }}</p>
            <A href=home attr:class="btn primary">"Go to my workspaces"</A>
        </section>
    }
}
