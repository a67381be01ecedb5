//! The role editor: a member's role, feature access (all or chosen, with each
//! feature's description) and resource access (all or chosen ids; the
//! fields are `access_fields.rs`, shared with the invite dialog). It shows
//! what the change grants or removes before saving and, beside each part,
//! why the model refuses it.

use super::access_fields::AccessFields;
use super::row::display_name;
use crate::api::{self, ApiError};
use crate::components::Dialog;
use crate::state::access::{RowActions, role_label};
use crate::state::access_edit::{AccessDraft, change_lines};
use leptos::prelude::*;
use leptos::task::spawn_local;
use roster_api::MemberResponse;
use roster_model::{Actor, Facts, RoleKey};

/// Edit a member's role and access.
#[component]
pub fn AccessDialog(
    ws: String,
    member: MemberResponse,
    actions: RowActions,
    actor: Actor,
    facts: Facts,
    on_close: Callback<()>,
    on_saved: Callback<MemberResponse>,
) -> impl IntoView {
    let draft = RwSignal::new(AccessDraft::of(&member));
    let pending = RwSignal::new(false);
    let err = RwSignal::new(None::<ApiError>);
    let m = StoredValue::new(member.clone());
    // Plain closures rather than memos: each is cheap, and a memo per type
    // costs the WASM more than recomputing costs the browser.
    let (actor, facts) = (StoredValue::new(actor), StoredValue::new(facts));
    let verdicts = move || {
        draft.with(|d| {
            m.with_value(|m| actor.with_value(|a| facts.with_value(|f| d.verdicts(m, a, f))))
        })
    };
    let changes = move || draft.with(|d| m.with_value(|m| change_lines(d, m)));
    let request = move || draft.with(|d| m.with_value(|m| d.request(m)));
    let refused = move || verdicts().into_iter().find_map(Result::err);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(req) = untrack(request) else {
            return;
        };
        if untrack(refused).is_some() {
            return;
        }
        let (ws, id) = (ws.clone(), m.with_value(|m| m.id.clone()));
        pending.set(true);
        err.set(None);
        spawn_local(async move {
            match api::update_member(&ws, &id, &req).await {
                Ok(m) => on_saved.run(m),
                Err(e) => err.set(Some(e)),
            }
            pending.set(false);
        });
    };
    let current = member.role.clone();
    let feature_gate = actions
        .caps
        .edit_feature_access
        .clone()
        .err()
        .map(|d| d.message());
    let resource_gate = actions
        .caps
        .edit_resource_access
        .clone()
        .err()
        .map(|d| d.message());
    let why =
        move |i: usize| Signal::derive(move || verdicts()[i].clone().err().map(|d| d.message()));
    view! {
        <Dialog title=format!("Role and access of {}", display_name(&member))
            description="What this member can see and change in the workspace." on_close=on_close
            return_to=format!("actions-{}", member.id) wide=true>
            <form class="stack" on:submit=save data-testid="access-editor">
                <fieldset class="role-options">
                    <legend class="strong small">"Role"</legend>
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
                                    autofocus=is_current aria-describedby=disabled.then(|| why_id.clone())
                                    prop:checked=move || draft.with(|d| d.role == k1)
                                    on:change=move |_| draft.update(|d| d.role = k2.clone())/>
                                <span>
                                    <strong>{role_label(&k)}{is_current.then(|| view! { <span class="badge">"Current"</span> })}</strong>
                                    <small class="muted">{role_blurb(key)}</small>
                                    {reason.map(|r| view! { <small class="why" id=why_id>{r}</small> })}
                                </span>
                            </label>
                        }
                    }).collect_view()}
                    {move || why(0).get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                </fieldset>
                <AccessFields draft=draft feature_gate=feature_gate.clone() resource_gate=resource_gate.clone()
                    feature_why=Some(why(1)) resource_why=Some(why(2))/>
                <div class="diff" aria-live="polite" data-testid="role-diff">
                    {move || {
                        let lines = changes();
                        if lines.is_empty() {
                            view! { <p class="muted small">"Nothing changes yet."</p> }.into_any()
                        } else {
                            lines.into_iter().map(|(gain, head, text)| view! {
                                <p class="small"><strong class=if gain { "gain" } else { "lose" }>{head}</strong>" "{text}</p>
                            }).collect_view().into_any()
                        }
                    }}
                </div>
                {move || err.get().map(|e| view! { <div class="alert" role="alert">{e.to_string()}</div> })}
                <div class="actions">
                    <button type="button" class="btn" on:click=move |_| on_close.run(())>"Cancel"</button>
                    <button type="submit" class="btn primary"
                        disabled=move || pending.get() || request().is_none() || refused().is_some()>
                        {move || if pending.get() { "Saving…" } else { "Save changes" }}
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
