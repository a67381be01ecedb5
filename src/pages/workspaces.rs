//! Creating a workspace (name and a region that cannot change later) and
//! answering pending invitations: used by the switcher and the welcome page.

use crate::api::{self, ApiError};
use crate::components::{FieldError, show_if, use_toasts};
use crate::router::use_router;
use crate::session::use_session;
use crate::state::{access::role_label, forms};
use leptos::prelude::*;
use leptos::task::spawn_local;
use roster_api::CreateWorkspaceRequest;

/// The create-workspace form; on success goes to the new workspace.
#[component]
pub fn CreateWorkspaceForm(
    /// Called after creation (to close a dialog).
    #[prop(optional)]
    on_done: Option<Callback<()>>,
) -> impl IntoView {
    let session = use_session();
    let router = use_router();
    let name = RwSignal::new(String::new());
    let regions = forms::regions();
    let region = RwSignal::new(
        regions
            .iter()
            .find(|(r, _)| r == "eu-central-1")
            .or(regions.first())
            .map(|(r, _)| r.clone())
            .unwrap_or_default(),
    );
    let submitted = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let server = RwSignal::new(None::<ApiError>);
    let name_err = Signal::derive(move || {
        server
            .with(|e| e.as_ref().and_then(|e| e.field("name")))
            .or_else(|| {
                let v = name.get();
                (submitted.get() || !v.is_empty())
                    .then(|| forms::workspace_name_error(&v))
                    .flatten()
            })
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        let n = name.get_untracked();
        if forms::workspace_name_error(&n).is_some() {
            return;
        }
        pending.set(true);
        server.set(None);
        spawn_local(async move {
            let req = CreateWorkspaceRequest {
                name: n.trim().to_owned(),
                region: region.get_untracked(),
            };
            match api::create_workspace(&req).await {
                Ok(ws) => {
                    let _ = api::set_last_workspace(&ws.id).await;
                    session.reload().await;
                    if let Some(cb) = on_done {
                        cb.run(());
                    }
                    router.navigate(&format!("/w/{}/members", ws.id));
                }
                Err(e) => server.set(Some(e)),
            }
            pending.set(false);
        });
    };
    view! {
        <form class="stack" on:submit=on_submit novalidate>
            <div class="field">
                <label for="ws-name">"Workspace name"</label>
                <input id="ws-name" type="text" autocomplete="organization" autofocus=true
                    placeholder="Acme Analytics"
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                    aria-invalid=move || name_err.with(Option::is_some).to_string()
                    aria-describedby="ws-name-error"/>
                <FieldError id="ws-name-error" message=name_err/>
            </div>
            <fieldset class="field regions">
                <legend>"Data region"</legend>
                {regions.into_iter().map(|(code, label)| {
                    let c = code.clone();
                    let c2 = code.clone();
                    view! {
                        <label class="choice">
                            <input type="radio" name="region" value=code.clone()
                                prop:checked=move || region.get() == c
                                on:change=move |_| region.set(c2.clone())/>
                            <span><strong>{label}</strong><small class="muted">{code}</small></span>
                        </label>
                    }
                }).collect_view()}
                <p class="callout warn" id="region-warning">
                    "The region cannot be changed after the workspace is created. Members' data is stored there."
                </p>
            </fieldset>
            {move || server.with(|e| e.as_ref().filter(|e| !e.has_field_errors()).map(|e| e.to_string()))
                .map(|m| view! { <div class="alert" role="alert">{m}</div> })}
            <div class="actions">
                <button class="btn primary" type="submit" disabled=move || pending.get()>
                    {move || if pending.get() { "Creating…" } else { "Create workspace" }}
                </button>
            </div>
        </form>
    }
}

/// Invitations waiting for my answer, with Accept and Decline.
#[component]
pub fn PendingInvitations(#[prop(optional)] compact: bool) -> impl IntoView {
    let session = use_session();
    let toasts = use_toasts();
    let router = use_router();
    let busy = RwSignal::new(None::<String>);
    // Read where used: a few rows, drawn again when `/me` changes (a memo
    // of its own type would cost the WASM more than the redraw costs).
    let invites = move || {
        session.me.with(|m| {
            m.as_ref()
                .map(|m| m.pending_invitations.clone())
                .unwrap_or_default()
        })
    };
    view! {
        {show_if(move || !invites().is_empty(), move || view! {
            <div class=if compact { "invites compact" } else { "invites" } data-testid="pending-invitations">
                <h3 class="section-label">"Invitations"</h3>
                <ul class="invite-list">
                    // A few rows at most: drawn again when the list changes,
                    // which costs far less WASM than a keyed <For>.
                    {move || invites().into_iter().map(|inv| {
                            let (id_a, id_d) = (inv.id.clone(), inv.id.clone());
                            let (b1, b2) = (inv.id.clone(), inv.id.clone());
                            let ws_name = inv.workspace_name.clone();
                            let accept = move |_| {
                                let id = id_a.clone();
                                busy.set(Some(id.clone()));
                                spawn_local(async move {
                                    match api::accept_invitation(&id).await {
                                        Ok(done) => {
                                            session.reload().await;
                                            router.navigate(&format!("/w/{}/members", done.workspace_id));
                                        }
                                        Err(e) => toasts.error(e.to_string()),
                                    }
                                    busy.set(None);
                                });
                            };
                            let decline = move |_| {
                                let id = id_d.clone();
                                busy.set(Some(id.clone()));
                                spawn_local(async move {
                                    match api::decline_invitation(&id).await {
                                        Ok(()) => {
                                            toasts.ok("Invitation declined.");
                                            session.reload().await;
                                        }
                                        Err(e) => toasts.error(e.to_string()),
                                    }
                                    busy.set(None);
                                });
                            };
                            view! {
                                <li class="invite-item">
                                    <div class="grow">
                                        <div class="strong">{inv.workspace_name.clone()}</div>
                                        <div class="muted small">"Join as " {role_label(&inv.role)}</div>
                                    </div>
                                    <button class="btn small" aria-label=format!("Decline invitation to {ws_name}")
                                        disabled=move || busy.get().as_deref() == Some(&b1) on:click=decline>"Decline"</button>
                                    <button class="btn small primary" aria-label=format!("Accept invitation to {}", inv.workspace_name)
                                        disabled=move || busy.get().as_deref() == Some(&b2) on:click=accept>"Accept"</button>
                                </li>
                            }
                        }).collect_view()}
                </ul>
            </div>
        }.into_any())}
    }
}
