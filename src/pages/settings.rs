//! Workspace settings (`/w/{ws}/settings`): name, logo, colour, home page,
//! countries and domain; configuration properties; archive and delete in a
//! danger zone. What each control allows comes from `roster_model`.

mod config;
mod danger;
mod general;

use crate::api::{self, ApiError};
use crate::components::ErrorAlert;
use crate::session::use_session;
use crate::state::access;
use leptos::prelude::*;
use leptos::task::spawn_local;
use roster_api::WorkspaceResponse;
use roster_model::{Action, Actor, Denied, Facts, authorize};

/// The signed-in member of `ws` as the model's actor, with the facts a
/// settings decision needs.
pub fn me_in(ws: &str) -> (Actor, Facts) {
    let session = use_session();
    let (user_id, mine) = session.me.with_untracked(|m| match m {
        Some(m) => (
            m.user.id.clone(),
            m.workspaces.iter().find(|w| w.id == ws).cloned(),
        ),
        None => (String::new(), None),
    });
    let (role, status, name) = mine.map(|w| (w.role, w.status, w.name)).unwrap_or_default();
    let actor = access::actor(&user_id, &role, &status, &[]);
    let facts = access::facts(&name, &actor, &[]);
    (actor, facts)
}

/// The model's verdict on `action` for the signed-in member.
pub fn verdict(actor: &Actor, facts: &Facts, action: Action) -> Result<(), Denied> {
    authorize(actor, &action, facts).map(|_| ())
}

/// The settings page for workspace `ws`.
#[component]
pub fn SettingsPage(ws: Signal<String>) -> impl IntoView {
    let loaded = RwSignal::new(None::<Result<WorkspaceResponse, ApiError>>);
    Effect::new(move |_| {
        let id = ws.get();
        loaded.set(None);
        spawn_local(async move {
            let r = api::workspace(&id).await;
            if ws.try_get_untracked().as_ref() == Some(&id) {
                loaded.set(Some(r));
            }
        });
    });
    view! {
        <div class="page-head">
            <div>
                <h1>"Settings"</h1>
                <p class="muted">"How the workspace looks, what it says about itself, and its lifecycle."</p>
            </div>
        </div>
        {move || match loaded.get() {
            None => view! {
                <div class="card" aria-busy="true"><span class="skeleton wide"></span><span class="skeleton narrow"></span></div>
            }.into_any(),
            Some(Err(e)) => view! { <ErrorAlert error=e/> }.into_any(),
            Some(Ok(w)) => {
                let (actor, facts) = me_in(&w.id);
                view! {
                    <general::GeneralCard workspace=w.clone() actor=actor.clone() facts=facts.clone()
                        on_saved=Callback::new(move |w| loaded.set(Some(Ok(w))))/>
                    <config::ConfigCard ws=w.id.clone() actor=actor.clone() facts=facts.clone()/>
                    <danger::DangerZone workspace=w actor=actor facts=facts/>
                }.into_any()
            }
        }}
    }
}
