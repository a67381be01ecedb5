//! The general settings card: name, logo, colour, countries, domain, the
//! Markdown home page with a preview, and the region shown read-only.

use crate::api::{self, ApiError};
use crate::components::{Markdown, show_if_else, use_toasts};
use crate::session::use_session;
use crate::state::access::verdict;
use crate::state::settings::SettingsDraft;
use leptos::prelude::*;
use leptos::task::spawn_local;
use roster_api::WorkspaceResponse;
use roster_model::{Action, Actor, Facts, WorkspacePatch};

/// The editable settings of a workspace.
#[component]
pub fn GeneralCard(workspace: WorkspaceResponse, actor: Actor, facts: Facts) -> impl IntoView {
    let session = use_session();
    let toasts = use_toasts();
    let base = StoredValue::new(workspace.clone());
    let draft = RwSignal::new(SettingsDraft::of(&workspace));
    let server = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let preview = RwSignal::new(false);
    // Edit one field and its server message goes: it answered other text.
    let edit = move |f: &dyn Fn(&mut SettingsDraft)| {
        server.set(None);
        draft.update(|d| f(d));
    };
    let patch = |settings, description| Action::UpdateWorkspace {
        patch: WorkspacePatch {
            settings,
            description,
            region: false,
        },
    };
    let settings_why = verdict(&actor, &facts, patch(true, false))
        .err()
        .map(|d| d.message());
    let home_why = verdict(&actor, &facts, patch(false, true))
        .err()
        .map(|d| d.message());
    let (lock_settings, lock_home) = (settings_why.is_some(), home_why.is_some());
    if lock_home {
        // Read-only: show the page as it reads.
        preview.set(true);
    }
    let request = move || draft.with(|d| base.with_value(|w| d.request(w)));
    let error_of = move |f: &'static str| {
        Signal::derive(move || {
            server
                .with(|e| e.as_ref().and_then(|e| e.field(f)))
                .or_else(|| draft.with(|d| d.error(f)))
        })
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(req) = untrack(request) else { return };
        if !draft.with_untracked(SettingsDraft::valid) {
            return;
        }
        let id = base.with_value(|w| w.id.clone());
        pending.set(true);
        server.set(None);
        spawn_local(async move {
            match api::update_workspace(&id, &req).await {
                Ok(w) => {
                    base.set_value(w.clone());
                    draft.set(SettingsDraft::of(&w));
                    toasts.ok("Settings saved.");
                    session.refresh();
                }
                Err(e) => server.set(Some(e)),
            }
            pending.set(false);
        });
    };
    let field = move |f: &'static str,
                      label: &'static str,
                      kind: &'static str,
                      hint: &'static str| {
        let id = format!("ws-{f}");
        let err_id = format!("{id}-error");
        let hint_id = format!("{id}-hint");
        let described = if hint.is_empty() {
            err_id.clone()
        } else {
            format!("{hint_id} {err_id}")
        };
        let msg = error_of(f);
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <input id=id type=kind autocomplete="off" disabled=lock_settings
                    aria-invalid=move || msg.with(Option::is_some).to_string()
                    aria-describedby=described
                    prop:value=move || draft.with(|d| value_of(d, f))
                    on:input=move |ev| { let v = event_target_value(&ev); edit(&|d| set_value(d, f, v.clone())); }/>
                {(!hint.is_empty()).then(|| view! { <p class="muted small" id=hint_id>{hint}</p> })}
                <p class="field-error" id=err_id aria-live="polite">{move || msg.get()}</p>
            </div>
        }
    };
    let colour_ok = move || draft.with(|d| d.error("colour").is_none() && !d.colour.is_empty());
    let colour_err = error_of("colour");
    let description_err = error_of("description");
    view! {
        <form class="card stack" on:submit=save aria-labelledby="general-title" data-testid="settings-general">
            <h2 id="general-title" class="card-title">"General"</h2>
            {settings_why.map(|r| view! { <p class="callout warn">{r}</p> })}
            <div class="grid-2 fields">
                {field("name", "Workspace name", "text", "")}
                {field("domain", "Company domain", "text", "People with this email domain can be suggested to join.")}
                {field("logo_url", "Logo address", "url", "An https:// address of a square image.")}
                <div class="field">
                    <label for="ws-colour">"Brand colour"</label>
                    <div class="colour-row">
                        <span class="swatch" aria-hidden="true"
                            style=move || if colour_ok() { format!("background:{}", draft.with(|d| d.colour.clone())) } else { String::new() }></span>
                        <input id="ws-colour" type="text" placeholder="#1a73e8" autocomplete="off" disabled=lock_settings
                            aria-invalid=move || colour_err.with(Option::is_some).to_string()
                            aria-describedby="ws-colour-error"
                            prop:value=move || draft.with(|d| d.colour.clone())
                            on:input=move |ev| { let v = event_target_value(&ev); edit(&|d| d.colour = v.clone()); }/>
                    </div>
                    <p class="field-error" id="ws-colour-error" aria-live="polite">{move || colour_err.get()}</p>
                </div>
                {field("countries", "Countries", "text", "Two-letter codes, such as DE, IN, US.")}
                <div class="field">
                    <label for="ws-region">"Region"</label>
                    <input id="ws-region" type="text" readonly=true prop:value=workspace.region.clone() aria-describedby="ws-region-help"/>
                    <p class="muted small" id="ws-region-help">"Where the data lives. Chosen at creation; it cannot change."</p>
                </div>
            </div>
            <div class="field">
                <div class="field-head">
                    <label for="ws-description">"Home page"</label>
                    <div class="tabs" role="group" aria-label="Home page view">
                        <button type="button" class="tab" aria-pressed=move || (!preview.get()).to_string() on:click=move |_| preview.set(false)>"Write"</button>
                        <button type="button" class="tab" aria-pressed=move || preview.get().to_string() on:click=move |_| preview.set(true)>"Preview"</button>
                    </div>
                </div>
                {home_why.map(|r| view! { <small class="why">{r}</small> })}
                {show_if_else(move || !preview.get(), move || view! {
                    <textarea id="ws-description" rows="8" disabled=lock_home
                        placeholder="# Welcome\n\nWhat this workspace is for, who to ask, useful **links**."
                        aria-describedby="ws-description-error"
                        prop:value=move || draft.with(|d| d.description.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); edit(&|d| d.description = v.clone()); }></textarea>
                }.into_any(), move || view! {
                    <div class="md card-inset" data-testid="markdown-preview">
                        <Markdown text=Signal::derive(move || draft.with(|d| d.description.clone()))/>
                    </div>
                }.into_any())}
                <p class="muted small">"Markdown: # headings, **bold**, *italic*, lists, > quotes, `code` and [links](https://…)."</p>
                <p class="field-error" id="ws-description-error" aria-live="polite">{move || description_err.get()}</p>
            </div>
            {move || server.get().filter(|e| !e.has_field_errors()).map(|e| view! { <div class="alert" role="alert">{e.to_string()}</div> })}
            <div class="actions">
                <span class="muted small grow" aria-live="polite">{move || request().is_some().then_some("Unsaved changes")}</span>
                <button type="button" class="btn" disabled=move || request().is_none()
                    on:click=move |_| { server.set(None); draft.set(base.with_value(SettingsDraft::of)); }>"Discard"</button>
                <button type="submit" class="btn primary"
                    disabled=move || pending.get() || request().is_none() || !draft.with(SettingsDraft::valid) || (lock_settings && lock_home)>
                    {move || if pending.get() { "Saving…" } else { "Save settings" }}
                </button>
            </div>
        </form>
    }
}

fn value_of(d: &SettingsDraft, f: &str) -> String {
    match f {
        "name" => d.name.clone(),
        "logo_url" => d.logo_url.clone(),
        "countries" => d.countries.clone(),
        "domain" => d.domain.clone(),
        _ => String::new(),
    }
}

fn set_value(d: &mut SettingsDraft, f: &str, v: String) {
    match f {
        "name" => d.name = v,
        "logo_url" => d.logo_url = v,
        "countries" => d.countries = v,
        "domain" => d.domain = v,
        _ => {}
    }
}
