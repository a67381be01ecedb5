//! The audit log (`/w/{ws}/audit`): every change in the workspace, newest
//! first, filtered by action or actor, paged by cursor, with a CSV download
//! of everything the filters match.

use crate::api::{self, ApiError};
use crate::components::{ErrorAlert, PageHead, show_if, use_toasts};
use crate::pages::settings::me_in;
use crate::router::use_router;
use crate::session::use_session;
use crate::state::access::verdict;
use crate::state::audit::{ACTIONS, AuditEvent, action_label, changes};
use crate::state::text::date_time;
use leptos::prelude::*;
use leptos::task::spawn_local;
use roster_api::ListAuditQuery;
use roster_model::Action;

/// The audit log of workspace `ws`.
#[component]
pub fn AuditPage(ws: Signal<String>) -> impl IntoView {
    let session = use_session();
    let (toasts, router) = (use_toasts(), use_router());
    let filter = RwSignal::new(ListAuditQuery::default());
    let events = RwSignal::new(Vec::<AuditEvent>::new());
    let next = RwSignal::new(None::<String>);
    let loading = RwSignal::new(true);
    let error = RwSignal::new(None::<ApiError>);
    let generation = StoredValue::new(0u32);
    let allowed = move || {
        let (actor, facts) = me_in(&ws.get());
        verdict(&actor, &facts, Action::ReadAudit)
            .err()
            .map(|d| d.message())
    };
    let fetch = move |more: bool| {
        let (id, mut q) = (ws.get_untracked(), filter.get_untracked());
        q.limit = Some(50);
        q.cursor = if more { next.get_untracked() } else { None };
        let g = generation.get_value() + u32::from(!more);
        generation.set_value(g);
        loading.set(true);
        error.set(None);
        spawn_local(async move {
            let r = api::audit(&id, &q).await;
            if generation.try_get_value() != Some(g) {
                return;
            }
            match r {
                Ok(page) => {
                    events.update(|l| {
                        if !more {
                            l.clear();
                        }
                        l.extend(page.items);
                    });
                    next.set(page.next_cursor);
                }
                Err(e) if e.status() == Some(404) => {
                    session.lost(&id, toasts, router);
                    return;
                }
                Err(e) => error.set(Some(e)),
            }
            loading.set(false);
        });
    };
    crate::reactive::effect(move || {
        filter.track();
        ws.track();
        if allowed().is_none() {
            fetch(false);
        }
    });
    let me = move || {
        session
            .me
            .with(|m| m.as_ref().map(|m| m.user.id.clone()).unwrap_or_default())
    };
    let csv = move || api::audit_csv_url(&ws.get(), &filter.get());
    view! {
        <PageHead title="Audit log" lede=|| "Who changed what, and when. Newest first.">
            {show_if(move || allowed().is_none(), move || view! {
                <a class="btn" href=csv download="roster-audit.csv" data-testid="audit-csv">"Download CSV"</a>
            }.into_any())}
        </PageHead>
        {move || allowed().map(|why| view! { <p class="callout warn" data-testid="audit-denied">{why}</p> })}
        {show_if(move || allowed().is_none(), move || view! {
            <section class="card flush" aria-label="Audit events">
                <div class="toolbar">
                    <div class="filters">
                        <label class="visually-hidden" for="audit-action">"Action"</label>
                        <select id="audit-action" on:change=move |ev| {
                            let v = event_target_value(&ev);
                            filter.update(|f| f.action = (!v.is_empty()).then_some(v));
                        }>
                            <option value="">"All actions"</option>
                            {ACTIONS.iter().map(|(k, l)| view! { <option value=*k>{*l}</option> }).collect_view()}
                        </select>
                        <label class="check-inline">
                            <input type="checkbox" on:change=move |ev| {
                                let mine = event_target_checked(&ev).then(me);
                                filter.update(|f| f.actor = mine);
                            }/>
                            "Only my changes"
                        </label>
                    </div>
                    <span class="muted small" aria-live="polite">{move || if loading.get() { "Loading…".to_owned() } else {
                        let n = events.with(Vec::len);
                        format!("{n}{} {}", if next.with(Option::is_some) { "+" } else { "" }, if n == 1 { "event" } else { "events" })
                    }}</span>
                </div>
                {move || error.get().map(|e| view! { <div class="pad"><ErrorAlert error=e/><button class="btn" on:click=move |_| fetch(false)>"Try again"</button></div> })}
                <div class="table-scroll x">
                    <table class="members audit" aria-busy=move || loading.get().to_string()>
                        <caption class="visually-hidden">"Audit events, newest first"</caption>
                        <thead><tr>
                            <th scope="col">"When"</th><th scope="col">"Action"</th><th scope="col">"Details"</th>
                            <th scope="col" class="hide-sm">"Actor"</th><th scope="col" class="hide-md">"IP address"</th>
                        </tr></thead>
                        <tbody>
                            {move || events.get().into_iter().map(|e| {
                                let who = match e.actor.as_deref() {
                                    Some(a) if a == me() => "You".to_owned(),
                                    Some(a) => a.to_owned(),
                                    None => "System".to_owned(),
                                };
                                let lines = changes(&e);
                                view! {
                                    <tr data-testid="audit-row" data-action=e.action.clone()>
                                        <td class="nowrap"><time datetime=e.at.clone() title=e.at.clone()>{date_time(&e.at)}</time></td>
                                        <td class="strong">{action_label(&e.action)}</td>
                                        <td class="small">
                                            {e.target.clone().map(|t| view! { <div class="muted">"Target "<code>{t}</code></div> })}
                                            {lines.into_iter().map(|l| view! { <div>{l}</div> }).collect_view()}
                                        </td>
                                        <td class="hide-sm small"><code>{who}</code></td>
                                        <td class="hide-md muted small">{e.ip.clone().unwrap_or_default()}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                {show_if(move || !loading.get() && error.with(Option::is_none) && events.with(Vec::is_empty), move || view! {
                    <div class="empty small-empty" data-testid="audit-empty"><h2>"No events match"</h2><p class="muted">"Try another action, or clear the filters."</p></div>
                }.into_any())}
                {show_if(move || next.with(Option::is_some), move || view! {
                    <div class="pad"><button class="btn" disabled=move || loading.get() on:click=move |_| fetch(true)>"Load older events"</button></div>
                }.into_any())}
            </section>
        }.into_any())}
    }
}
