//! Shown for a workspace link I am not (or no longer actively) a member of.

use crate::router::A;
use crate::session::use_session;
use leptos::prelude::*;

/// "You don't have access", with a way back to my own workspaces.
#[component]
pub fn NoAccessPage(#[prop(optional)] deactivated: bool) -> impl IntoView {
    let session = use_session();
    let home = move || session.home_path();
    view! {
        <section class="empty" data-testid="no-access">
            <div class="empty-icon" aria-hidden="true">
                <svg viewBox="0 0 24 24" width="40" height="40" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round">
                    <rect x="5" y="11" width="14" height="10" rx="2"></rect>
                    <path d="M8 11V7a4 4 0 0 1 8 0v4"></path>
                </svg>
            </div>
            <h1>{if deactivated { "Your access is paused" } else { "You don't have access to this workspace" }}</h1>
            <p class="muted">{if deactivated {
                "Your membership of this workspace is deactivated. Ask an owner to reactivate it."
            } else {
                "It may not exist, or you are not a member. Ask an admin of the workspace to invite you."
            }}</p>
            <A href=home class="btn primary">"Go to my workspaces"</A>
        </section>
    }
}
