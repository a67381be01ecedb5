//! `/` sends people where they belong (sign-in, their last workspace, or the
//! first-workspace screen); `/welcome` creates a first workspace and answers
//! invitations.

use super::workspaces::{CreateWorkspaceForm, PendingInvitations};
use crate::router::use_router;
use crate::session::use_session;
use leptos::prelude::*;

/// `/`: a redirect once `/me` is known.
#[component]
pub fn StartPage() -> impl IntoView {
    let session = use_session();
    let router = use_router();
    crate::reactive::effect(move || {
        if session.ready.get() {
            router.navigate(&session.home_path());
        }
    });
    view! { <div class="boot" aria-busy="true"><span class="visually-hidden">"Loading Roster…"</span></div> }
}

/// `/welcome`: for someone with no workspace yet.
#[component]
pub fn WelcomePage() -> impl IntoView {
    let session = use_session();
    let router = use_router();
    crate::reactive::effect(move || {
        if session.ready.get() && session.me.with(Option::is_none) {
            router.navigate("/signin");
        }
    });
    let first = move || {
        session
            .me
            .with(|m| {
                m.as_ref().map(|m| {
                    m.user
                        .name
                        .split_whitespace()
                        .next()
                        .unwrap_or("")
                        .to_owned()
                })
            })
            .unwrap_or_default()
    };
    view! {
        <main class="auth" id="main">
            <div class="auth-card card wide-card" data-testid="welcome">
                <div class="brand"><span class="brand-mark" aria-hidden="true">"R"</span>"Roster"</div>
                <h1>{move || format!("Welcome, {}", first())}</h1>
                <p class="muted">"Create your first workspace, or join one you were invited to."</p>
                <PendingInvitations/>
                <h2 class="section-title">"Create a workspace"</h2>
                <CreateWorkspaceForm/>
            </div>
        </main>
    }
}
