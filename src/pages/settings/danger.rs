//! The danger zone: archive the workspace (read-only from then on) and
//! delete it for good, each behind a confirmation; delete needs the name typed.

use crate::api::{self, ApiError};
use crate::components::{Dialog, use_toasts};
use crate::router::use_router;
use crate::session::use_session;
use crate::state::access::verdict;
use leptos::prelude::*;
use leptos::task::spawn_local;
use roster_api::WorkspaceResponse;
use roster_model::{Action, Actor, Facts};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Confirm {
    Archive,
    Delete,
}

/// Archive and delete, for those the model allows.
#[component]
pub fn DangerZone(
    workspace: WorkspaceResponse,
    actor: Actor,
    facts: Facts,
    /// Called once the workspace is archived and `/me` says so.
    on_archived: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let router = use_router();
    let toasts = use_toasts();
    // Which confirmation is open: one flag each (a signal type the app
    // already has, where `Option<Confirm>` would be compiled anew).
    let flags = [false; 2].map(RwSignal::new);
    let flag = move |which: Confirm| flags[usize::from(which == Confirm::Delete)];
    let open = move || {
        [Confirm::Archive, Confirm::Delete]
            .into_iter()
            .find(|w| flag(*w).get())
    };
    let typed = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let err = RwSignal::new(None::<ApiError>);
    let archived = workspace.status == "archived";
    let archive_why = if archived {
        Some("The workspace is already archived.".to_owned())
    } else {
        verdict(&actor, &facts, Action::ArchiveWorkspace)
            .err()
            .map(|d| d.message())
    };
    // Typing the exact name is checked in the dialog; here only the role counts.
    let delete_why = verdict(
        &actor,
        &facts,
        Action::DeleteWorkspace {
            confirm: facts.workspace_name.clone(),
        },
    )
    .err()
    .map(|d| d.message());
    let name = StoredValue::new(workspace.name.clone());
    let id = StoredValue::new(workspace.id.clone());
    let close = Callback::new(move |()| {
        flags.iter().for_each(|f| f.set(false));
        typed.set(String::new());
        err.set(None);
    });
    let run = move |which: Confirm| {
        pending.set(true);
        err.set(None);
        let (ws, confirm) = (id.get_value(), typed.get_untracked());
        spawn_local(async move {
            let r = match which {
                Confirm::Archive => api::archive_workspace(&ws).await,
                Confirm::Delete => api::delete_workspace(&ws, confirm.trim()).await,
            };
            pending.set(false);
            match r {
                Ok(()) => {
                    flags.iter().for_each(|f| f.set(false));
                    session.reload().await;
                    if which == Confirm::Delete {
                        toasts.ok(format!("{} was deleted.", name.get_value()));
                        router.navigate(&session.home_path());
                    } else {
                        toasts.ok(format!("{} is archived.", name.get_value()));
                        on_archived.run(());
                    }
                }
                Err(e) => err.set(Some(e)),
            }
        });
    };
    let row = move |title: &'static str,
                    text: &'static str,
                    button: &'static str,
                    why: Option<String>,
                    which: Confirm| {
        let disabled = why.is_some();
        let bid = if which == Confirm::Archive {
            "archive-button"
        } else {
            "delete-button"
        };
        view! {
            <div class="danger-row">
                <div class="grow">
                    <h3 class="strong small">{title}</h3>
                    <p class="muted small">{text}</p>
                    {why.clone().map(|r| view! { <small class="why" id=format!("{bid}-why")>{r}</small> })}
                </div>
                <button type="button" class="btn danger-outline" id=bid aria-disabled=disabled.then_some("true")
                    title=why aria-describedby=disabled.then(|| format!("{bid}-why"))
                    on:click=move |_| if !disabled { flag(which).set(true) }>{button}</button>
            </div>
        }
    };
    view! {
        <section class="card danger-zone" aria-labelledby="danger-title" data-testid="danger-zone">
            <h2 id="danger-title" class="card-title">"Danger zone"</h2>
            {row("Archive workspace", "Members keep read access; nothing can be changed and no one can be invited.", "Archive…", archive_why, Confirm::Archive)}
            {row("Delete workspace", "Deletes the workspace, its members, invitations and settings for everyone. This cannot be undone.", "Delete…", delete_why, Confirm::Delete)}
        </section>
        {move || open().map(|which| {
            let archive = which == Confirm::Archive;
            let matches = move || typed.with(|t| t.trim() == name.get_value());
            view! {
                <Dialog title=if archive { "Archive this workspace?" } else { "Delete this workspace?" }
                    on_close=close return_to=if archive { "archive-button" } else { "delete-button" }>
                    <form class="stack" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); if archive || matches() { run(which) } }>
                        <p>{if archive {
                            "Archiving makes the workspace read-only for every member. Owners can still export its data."
                        } else {
                            "Everything in the workspace is deleted for every member, immediately and for good."
                        }}</p>
                        {(!archive).then(|| view! {
                            <div class="field">
                                <label for="delete-confirm">"Type "<strong>{name.get_value()}</strong>" to confirm"</label>
                                <input id="delete-confirm" type="text" autocomplete="off" autofocus=true
                                    prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))/>
                            </div>
                        })}
                        {move || err.get().map(|e| view! { <div class="alert" role="alert">{e.to_string()}</div> })}
                        <div class="actions">
                            <button type="button" class="btn" autofocus=archive on:click=move |_| close.run(())>"Cancel"</button>
                            <button type="submit" class="btn danger" disabled=move || pending.get() || (!archive && !matches())>
                                {move || match (pending.get(), archive) {
                                    (true, true) => "Archiving…",
                                    (true, false) => "Deleting…",
                                    (false, true) => "Archive workspace",
                                    (false, false) => "Delete workspace",
                                }}
                            </button>
                        </div>
                    </form>
                </Dialog>
            }
        })}
    }
}
