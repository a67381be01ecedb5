//! The team table's confirmations: change role (with what it grants and
//! removes), transfer ownership (typed confirmation) and remove.

use super::row::display_name;
use crate::api::{self, ApiError};
use crate::components::Dialog;
use crate::state::access::{RowActions, role_label};
use crate::state::roles::RoleDiff;
use leptos::prelude::*;
use leptos::task::spawn_local;
use roster_api::{MemberResponse, UpdateMemberRequest};
use roster_model::{RoleCatalogue, RoleKey};

fn error_line(err: RwSignal<Option<ApiError>>) -> impl IntoView {
    move || {
        err.get()
            .map(|e| view! { <div class="alert" role="alert">{e.to_string()}</div> })
    }
}

/// Choose a new role; each refused role shows the model's reason.
#[component]
pub fn RoleDialog(
    ws: String,
    member: MemberResponse,
    actions: RowActions,
    on_close: Callback<()>,
    on_saved: Callback<MemberResponse>,
) -> impl IntoView {
    let choice = RwSignal::new(member.role.clone());
    let pending = RwSignal::new(false);
    let err = RwSignal::new(None::<ApiError>);
    let current = member.role.clone();
    let cur2 = current.clone();
    let diff = Memo::new(move |_| {
        let cat = RoleCatalogue::default();
        match (cat.resolve_str(&cur2), cat.resolve_str(&choice.get())) {
            (Some(a), Some(b)) => RoleDiff::between(&a, &b),
            _ => RoleDiff::default(),
        }
    });
    let return_to = format!("actions-{}", member.id);
    let id = member.id.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (ws, id) = (ws.clone(), id.clone());
        let role = choice.get_untracked();
        pending.set(true);
        spawn_local(async move {
            let req = UpdateMemberRequest {
                role: Some(role),
                ..Default::default()
            };
            match api::update_member(&ws, &id, &req).await {
                Ok(m) => on_saved.run(m),
                Err(e) => err.set(Some(e)),
            }
            pending.set(false);
        });
    };
    let cur3 = current.clone();
    view! {
        <Dialog title=format!("Change role of {}", display_name(&member))
            description="Roles decide what a member can see and change." on_close=on_close return_to=return_to>
            <form class="stack" on:submit=save>
                <fieldset class="role-options">
                    <legend class="visually-hidden">"Role"</legend>
                    {actions.caps.assignable_roles.iter().map(|(key, verdict)| {
                        let k = key.as_str().to_owned();
                        let (k1, k2) = (k.clone(), k.clone());
                        let is_current = k == current;
                        let reason = (!is_current).then(|| verdict.clone().err().map(|d| d.message())).flatten();
                        let disabled = reason.is_some();
                        let why_id = format!("role-why-{k}");
                        view! {
                            <label class="choice" class:disabled=disabled>
                                <input type="radio" name="role" value=k.clone() disabled=disabled
                                    autofocus=is_current
                                    aria-describedby=disabled.then(|| why_id.clone())
                                    prop:checked=move || choice.get() == k1
                                    on:change=move |_| choice.set(k2.clone())/>
                                <span>
                                    <strong>
                                        {role_label(&k)}
                                        {is_current.then(|| view! { <span class="badge">"Current"</span> })}
                                    </strong>
                                    <small class="muted">{role_blurb(key)}</small>
                                    {reason.map(|r| view! { <small class="why" id=why_id>{r}</small> })}
                                </span>
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                <div class="diff" aria-live="polite" data-testid="role-diff">
                    {move || {
                        let d = diff.get();
                        if d.is_empty() {
                            view! { <p class="muted small">"Pick a role to see what changes."</p> }.into_any()
                        } else {
                            view! {
                                <div>
                                    {(!d.gains.is_empty()).then(|| view! {
                                        <p class="small"><strong class="gain">"Gains: "</strong>{d.gains.join(", ")}</p>
                                    })}
                                    {(!d.loses.is_empty()).then(|| view! {
                                        <p class="small"><strong class="lose">"Loses: "</strong>{d.loses.join(", ")}</p>
                                    })}
                                </div>
                            }.into_any()
                        }
                    }}
                </div>
                {error_line(err)}
                <div class="actions">
                    <button type="button" class="btn" on:click=move |_| on_close.run(())>"Cancel"</button>
                    <button type="submit" class="btn primary"
                        disabled=move || pending.get() || choice.get() == cur3>
                        {move || if pending.get() { "Saving…" } else { "Save role" }}
                    </button>
                </div>
            </form>
        </Dialog>
    }
}

fn role_blurb(key: &RoleKey) -> &'static str {
    match key.as_str() {
        "owner" => "Full control, including billing, deletion and ownership.",
        "admin" => "Manages members, settings, resources and integrations.",
        "editor" => "Creates and edits content; cannot manage people.",
        "viewer" => "Reads content; cannot change anything.",
        _ => "A custom role.",
    }
}

/// Hands the workspace to an Admin; the current owner becomes Admin.
#[component]
pub fn TransferDialog(
    ws: String,
    ws_name: String,
    member: MemberResponse,
    on_close: Callback<()>,
    on_done: Callback<()>,
) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let err = RwSignal::new(None::<ApiError>);
    let name = ws_name.clone();
    let matches = move || typed.with(|t| t.trim() == name);
    let id = member.id.clone();
    let who = display_name(&member);
    let go = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (ws, id) = (ws.clone(), id.clone());
        pending.set(true);
        spawn_local(async move {
            match api::transfer_ownership(&ws, &id).await {
                Ok(_) => on_done.run(()),
                Err(e) => err.set(Some(e)),
            }
            pending.set(false);
        });
    };
    let matches2 = matches.clone();
    view! {
        <Dialog title="Transfer ownership" on_close=on_close return_to=format!("actions-{}", member.id)>
            <form class="stack" on:submit=go>
                <p>
                    <strong>{who.clone()}</strong>" becomes the owner of "<strong>{ws_name.clone()}</strong>
                    ". You become an "<strong>"Admin"</strong>
                    ": you keep managing members and settings, but can no longer delete the workspace, manage billing or transfer ownership."
                </p>
                <div class="field">
                    <label for="transfer-confirm">"Type "<strong>{ws_name.clone()}</strong>" to confirm"</label>
                    <input id="transfer-confirm" type="text" autocomplete="off" autofocus=true
                        prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))/>
                </div>
                {error_line(err)}
                <div class="actions">
                    <button type="button" class="btn" on:click=move |_| on_close.run(())>"Cancel"</button>
                    <button type="submit" class="btn danger" disabled=move || pending.get() || !matches2()>
                        {move || if pending.get() { "Transferring…" } else { "Transfer ownership" }}
                    </button>
                </div>
            </form>
        </Dialog>
    }
}

/// Confirms removing a member.
#[component]
pub fn RemoveDialog(
    ws: String,
    member: MemberResponse,
    on_close: Callback<()>,
    on_removed: Callback<String>,
) -> impl IntoView {
    let pending = RwSignal::new(false);
    let err = RwSignal::new(None::<ApiError>);
    let id = member.id.clone();
    let go = move |_| {
        let (ws, id) = (ws.clone(), id.clone());
        pending.set(true);
        spawn_local(async move {
            match api::remove_member(&ws, &id).await {
                Ok(()) => on_removed.run(id),
                Err(e) => err.set(Some(e)),
            }
            pending.set(false);
        });
    };
    view! {
        <Dialog title=format!("Remove {}?", display_name(&member)) on_close=on_close return_to=format!("actions-{}", member.id)>
            <p>"They lose access to this workspace immediately. You can invite them again later."</p>
            {error_line(err)}
            <div class="actions">
                <button type="button" class="btn" autofocus=true on:click=move |_| on_close.run(())>"Cancel"</button>
                <button type="button" class="btn danger" disabled=move || pending.get() on:click=go>
                    {move || if pending.get() { "Removing…" } else { "Remove member" }}
                </button>
            </div>
        </Dialog>
    }
}
