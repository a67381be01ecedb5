//! Workspace settings (`/w/{ws}/settings`): name, logo, colour, home page,
//! countries and domain; configuration properties; archive and delete in a
//! danger zone. What each control allows comes from `roster_model`.

mod config;
mod danger;
mod general;

use crate::api::{self, ApiError};
use crate::components::{ErrorAlert, PageHead, use_toasts};
use crate::router::use_router;
use crate::session::use_session;
use crate::state::access;
use leptos::prelude::*;
use leptos::task::spawn_local;
use roster_api::WorkspaceResponse;
use roster_model::{Actor, Facts};

/// The signed-in member of `ws` as the model's actor, with the facts a
/// settings decision needs (read once: the page reloads after archiving).
pub fn me_in(ws: &str) -> (Actor, Facts) {
    let (actor, facts, _) = use_session()
        .me
        .with_untracked(|m| access::me_in(m.as_ref(), ws, &[]));
    (actor, facts)
}

/// The settings page for workspace `ws`.
#[component]
pub fn SettingsPage(ws: Signal<String>) -> impl IntoView {
    let loaded = RwSignal::new(None::<Result<WorkspaceResponse, ApiError>>);
    let (session, toasts, router) = (use_session(), use_toasts(), use_router());
    // Bumped after archiving: every card is judged again on fresh facts.
    let fetches = RwSignal::new(0usize);
    crate::reactive::effect(move || {
        fetches.track();
        let id = ws.get();
        loaded.set(None);
        spawn_local(async move {
            let r = api::workspace(&id).await;
            if ws.try_get_untracked().as_ref() != Some(&id) {
                return;
            }
            match r {
                Err(e) if e.status() == Some(404) => session.lost(&id, toasts, router),
                r => loaded.set(Some(r)),
            }
        });
    });
    view! {
        <PageHead title="Settings"
            lede=|| "How the workspace looks, what it says about itself, and its lifecycle."/>
        {move || match loaded.get() {
            None => view! {
                <div class="card" aria-busy="true"><span class="skeleton wide"></span><span class="skeleton narrow"></span></div>
            }.into_any(),
            Some(Err(e)) => view! { <ErrorAlert error=e/> }.into_any(),
            Some(Ok(w)) => {
                let (actor, facts) = me_in(&w.id);
                view! {
                    <general::GeneralCard workspace=w.clone() actor=actor.clone() facts=facts.clone()/>
                    <config::ConfigCard ws=w.id.clone() actor=actor.clone() facts=facts.clone()/>
                    <danger::DangerZone workspace=w actor=actor facts=facts
                        on_archived=Callback::new(move |()| fetches.update(|n| *n += 1))/>
                }.into_any()
            }
        }}
    }
}
