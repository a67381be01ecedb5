//! The role editor: a member's role, feature access (all or chosen, with each
//! feature's description) and resource access (all or chosen ids). It shows
//! what the change grants or removes before saving and, beside each part,
//! why the model refuses it.

use super::row::display_name;
use crate::api::{self, ApiError};
use crate::components::{Dialog, show_if};
use crate::state::access::{RowActions, role_label};
use crate::state::access_edit::{AccessDraft, change_lines};
use leptos::prelude::*;
use leptos::task::spawn_local;
use roster_api::MemberResponse;
use roster_model::{Actor, Facts, FeatureCatalogue, RoleKey};

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
    let catalogue = FeatureCatalogue::default();
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
    let why = move |i: usize| {
        move || {
            verdicts()[i]
                .clone()
                .err()
                .map(|d| view! { <p class="field-error" role="alert">{d.message()}</p> })
        }
    };
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
                    {why(0)}
                </fieldset>
                <fieldset class="role-options" disabled=feature_gate.is_some() data-testid="feature-access"
                    aria-describedby=feature_gate.is_some().then_some("feature-gate")>
                    <legend class="strong small">"Features"</legend>
                    {feature_gate.clone().map(|r| view! { <small class="why" id="feature-gate">{r}</small> })}
                    <AllOrOnly name="features" all_label="All features" only_label="Only chosen features"
                        all=Signal::derive(move || draft.with(|d| d.all_features))
                        set_all=Callback::new(move |v| draft.update(|d| d.all_features = v))/>
                    {show_if(move || draft.with(|d| !d.all_features), move || view! {
                        <div class="checks">
                            {catalogue.features().iter().map(|f| {
                                let (k1, k2) = (f.key.as_str().to_owned(), f.key.as_str().to_owned());
                                view! {
                                    <label class="choice">
                                        <input type="checkbox" value=k1.clone()
                                            prop:checked=move || draft.with(|d| d.features.contains(&k1))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                draft.update(|d| d.set_feature(&k2, on));
                                            }/>
                                        <span><strong>{f.label.clone()}</strong><small class="muted">{f.description.clone()}</small></span>
                                    </label>
                                }
                            }).collect_view()}
                        </div>
                    }.into_any())}
                    {why(1)}
                </fieldset>
                <fieldset class="role-options" disabled=resource_gate.is_some() data-testid="resource-access"
                    aria-describedby=resource_gate.is_some().then_some("resource-gate")>
                    <legend class="strong small">"Resources"</legend>
                    {resource_gate.clone().map(|r| view! { <small class="why" id="resource-gate">{r}</small> })}
                    <AllOrOnly name="resources" all_label="All resources" only_label="Only these resources"
                        all=Signal::derive(move || draft.with(|d| d.all_resources))
                        set_all=Callback::new(move |v| draft.update(|d| d.all_resources = v))/>
                    {show_if(move || draft.with(|d| !d.all_resources), move || view! {
                        <div class="field">
                            <label for="resource-ids">"Resource ids"</label>
                            <textarea id="resource-ids" rows="3" placeholder="dashboard-42, sales-db"
                                aria-describedby="resource-help"
                                aria-invalid=move || draft.with(|d| d.resource_access().is_err()).to_string()
                                prop:value=move || draft.with(|d| d.resources_text.clone())
                                on:input=move |ev| draft.update(|d| d.resources_text = event_target_value(&ev))></textarea>
                            <p class="muted small" id="resource-help">"Ids from your product, separated by commas, spaces or new lines."</p>
                            <p class="field-error" aria-live="polite">{move || draft.with(|d| d.resource_access().err())}</p>
                        </div>
                    }.into_any())}
                    {why(2)}
                </fieldset>
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

/// Two radios: everything, or a chosen set.
#[component]
fn AllOrOnly(
    name: &'static str,
    all_label: &'static str,
    only_label: &'static str,
    all: Signal<bool>,
    set_all: Callback<bool>,
) -> impl IntoView {
    view! {
        <div class="segmented">
            <label><input type="radio" name=name prop:checked=move || all.get() on:change=move |_| set_all.run(true)/>{all_label}</label>
            <label><input type="radio" name=name prop:checked=move || !all.get() on:change=move |_| set_all.run(false)/>{only_label}</label>
        </div>
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
