//! Feature access (all or chosen, with each feature's description) and
//! resource access (all or chosen ids): the role editor's and the invite
//! dialog's shared fields, editing an `AccessDraft`.

use crate::components::show_if;
use crate::state::access_edit::AccessDraft;
use leptos::prelude::*;
use roster_model::FeatureCatalogue;

/// The feature and resource fieldsets. A gate (the model's reason) disables
/// its fieldset; a `why` is the model's refusal of the change as drafted.
#[component]
pub fn AccessFields(
    draft: RwSignal<AccessDraft>,
    #[prop(default = None)] feature_gate: Option<String>,
    #[prop(default = None)] resource_gate: Option<String>,
    #[prop(default = None)] feature_why: Option<Signal<Option<String>>>,
    #[prop(default = None)] resource_why: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let catalogue = FeatureCatalogue::default();
    let why = |w: Option<Signal<Option<String>>>| {
        move || {
            w.and_then(|w| w.get())
                .map(|m| view! { <p class="field-error" role="alert">{m}</p> })
        }
    };
    view! {
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
            {why(feature_why)}
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
            {why(resource_why)}
        </fieldset>
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
