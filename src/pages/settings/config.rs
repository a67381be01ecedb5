//! Configuration properties: key-value text the host product reads (not for
//! secrets). Listed, added, edited and deleted; keys and values are checked
//! with the `roster_model` rules the server applies.

use crate::api::{self, ApiError};
use crate::components::{ErrorAlert, use_toasts};
use crate::state::access::verdict;
use leptos::prelude::*;
use leptos::task::spawn_local;
use roster_api::ConfigResponse;
use roster_model::settings::{check_config_key, check_config_value};
use roster_model::{Action, Actor, Facts};

/// The configuration card of workspace `ws`.
#[component]
pub fn ConfigCard(ws: String, actor: Actor, facts: Facts) -> impl IntoView {
    let toasts = use_toasts();
    let read_why = verdict(&actor, &facts, Action::ReadConfig)
        .err()
        .map(|d| d.message());
    let write_why = verdict(&actor, &facts, Action::WriteConfig)
        .err()
        .map(|d| d.message());
    let locked = write_why.is_some();
    let items = RwSignal::new(None::<Result<Vec<ConfigResponse>, ApiError>>);
    let key = RwSignal::new(String::new());
    let value = RwSignal::new(String::new());
    let server = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let ws = StoredValue::new(ws);
    if read_why.is_none() {
        spawn_local(async move {
            let r = api::config(&ws.get_value()).await.map(|p| p.items);
            items.try_set(Some(r));
        });
    }
    let key_err = move || {
        server
            .with(|e| e.as_ref().and_then(|e| e.field("key")))
            .or_else(|| {
                key.with(|k| {
                    (!k.is_empty())
                        .then(|| check_config_key(k).err().map(|e| e.to_string()))
                        .flatten()
                })
            })
    };
    let value_err = move || {
        server
            .with(|e| e.as_ref().and_then(|e| e.field("value")))
            .or_else(|| value.with(|v| check_config_value(v).err().map(|e| e.to_string())))
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (k, v) = (key.get_untracked(), value.get_untracked());
        if check_config_key(&k).is_err() || check_config_value(&v).is_err() {
            return;
        }
        pending.set(true);
        server.set(None);
        spawn_local(async move {
            match api::put_config(&ws.get_value(), &k, &v).await {
                Ok(saved) => {
                    items.update(|l| {
                        if let Some(Ok(l)) = l {
                            l.retain(|c| c.key != saved.key);
                            let at = l.partition_point(|c| c.key < saved.key);
                            l.insert(at, saved);
                        }
                    });
                    key.set(String::new());
                    value.set(String::new());
                    toasts.ok("Property saved.");
                }
                Err(e) => server.set(Some(e)),
            }
            pending.set(false);
        });
    };
    let remove = move |k: String| {
        spawn_local(async move {
            match api::delete_config(&ws.get_value(), &k).await {
                Ok(()) => {
                    items.update(|l| {
                        if let Some(Ok(l)) = l {
                            l.retain(|c| c.key != k);
                        }
                    });
                    toasts.ok("Property deleted.");
                }
                Err(e) => toasts.error(e.to_string()),
            }
        });
    };
    view! {
        <section class="card stack" aria-labelledby="config-title" data-testid="settings-config">
            <div>
                <h2 id="config-title" class="card-title">"Configuration"</h2>
                <p class="muted small">"Key-value properties your product reads for this workspace. Not for secrets."</p>
            </div>
            // Why the card is read-only (or hidden), said once above it.
            {read_why.clone().or_else(|| write_why.clone()).map(|r| view! { <p class="callout warn">{r}</p> })}
            {move || match items.get() {
                None => ().into_any(),
                Some(Err(e)) => view! { <ErrorAlert error=e/> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="muted small" data-testid="config-empty">"No properties yet."</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <table class="members kv">
                        <caption class="visually-hidden">"Configuration properties"</caption>
                        <thead><tr><th scope="col">"Key"</th><th scope="col">"Value"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th></tr></thead>
                        <tbody>
                            {list.into_iter().map(|c| {
                                let (k1, k2, v1) = (c.key.clone(), c.key.clone(), c.value.clone());
                                view! {
                                    <tr data-testid="config-row">
                                        <td><code>{c.key.clone()}</code></td>
                                        <td class="value">{c.value.clone()}</td>
                                        <td class="row-actions">
                                            <button type="button" class="btn small ghost" disabled=locked title=write_why.clone()
                                                aria-label=format!("Edit {}", c.key)
                                                on:click=move |_| { key.set(k1.clone()); value.set(v1.clone()); }>"Edit"</button>
                                            <button type="button" class="btn small ghost" disabled=locked title=write_why.clone()
                                                aria-label=format!("Delete {}", c.key)
                                                on:click=move |_| remove(k2.clone())>"Delete"</button>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
            }}
            <form class="kv-form" on:submit=save>
                <div class="field">
                    <label for="config-key">"Key"</label>
                    <input id="config-key" type="text" placeholder="theme.default" autocomplete="off" disabled=locked
                        aria-invalid=move || key_err().is_some().to_string() aria-describedby="config-key-error"
                        prop:value=move || key.get() on:input=move |ev| key.set(event_target_value(&ev))/>
                    <p class="field-error" id="config-key-error" aria-live="polite">{key_err}</p>
                </div>
                <div class="field grow">
                    <label for="config-value">"Value"</label>
                    <input id="config-value" type="text" placeholder="dark" autocomplete="off" disabled=locked
                        aria-invalid=move || value_err().is_some().to_string() aria-describedby="config-value-error"
                        prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
                    <p class="field-error" id="config-value-error" aria-live="polite">{value_err}</p>
                </div>
                <button type="submit" class="btn" disabled=move || locked || pending.get() || key.with(String::is_empty)>
                    {move || if pending.get() { "Saving…" } else { "Save property" }}
                </button>
            </form>
            {move || server.get().filter(|e| !e.has_field_errors()).map(|e| view! { <div class="alert" role="alert">{e.to_string()}</div> })}
        </section>
    }
}
