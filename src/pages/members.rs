//! The team table (`/w/{ws}/members`): server-side search (keystrokes typed
//! while a load is out are coalesced into one request), sorting
//! by name / role / joined, rows grouped by status with counts, cursor paging
//! per group ("Load more"), and the row actions the model allows.

mod access_fields;
mod dialogs;
mod editor;
mod group;
mod invite;
mod links;
mod open;
mod row;

use crate::api::{self, ApiError};
use crate::components::{ErrorAlert, PageHead, focus, show_if, use_toasts};
use crate::perf;
use crate::router::use_router;
use crate::session::use_session;
use crate::state::access;
use crate::state::cache::TableCache;
use crate::state::loading::{Drawn, SearchQueue};
use crate::state::table::{GROUPS, Groups, SortKey, TableQuery};
use group::{GroupBody, draw_near};
use leptos::prelude::*;
use leptos::task::spawn_local;
use links::{absolute, invitation_of};
use open::{Open, OpenDialog};
use roster_api::MemberResponse;
use roster_api::UpdateMemberRequest;
use roster_model::MemberStatus;
use row::RowAction;

/// The team page for workspace `ws`.
#[component]
pub fn MembersPage(ws: Signal<String>) -> impl IntoView {
    let session = use_session();
    let toasts = use_toasts();
    let query = RwSignal::new(TableQuery::default());
    let typed = RwSignal::new(String::new());
    let groups = RwSignal::new(Groups::default());
    let loading = RwSignal::new(true);
    let error = RwSignal::new(None::<ApiError>);
    // Whether each status group (in `GROUPS` order) is loading more rows.
    let more_busy = GROUPS.map(|_| RwSignal::new(false));
    let busy_of = move |s: MemberStatus| more_busy[crate::state::table::index(s)];
    let generation = StoredValue::new(0u32);
    let open = RwSignal::new(None::<Open>);
    let drawn = RwSignal::new(Drawn::default());
    let draw_more = move || {
        let loaded = GROUPS.map(|s| (s, groups.with_untracked(|g| g.get(s).rows.len())));
        draw_near(drawn, loaded);
    };
    let scroll = window_event_listener(leptos::ev::scroll, move |_| draw_more());
    on_cleanup(move || scroll.remove());
    let router = use_router();

    let cache = expect_context::<StoredValue<TableCache>>();
    // The search typed while a load is out waits for it (then only the
    // latest text is asked for): no timer between a keystroke and its rows.
    let searches = StoredValue::new(SearchQueue::default());
    // Tables are cached per signed-in user and workspace.
    let cache_key = move |ws: &str| {
        let user = session
            .me
            .with_untracked(|m| m.as_ref().map(|m| m.user.id.clone()));
        format!("{}\u{0}{ws}", user.unwrap_or_default())
    };
    let load = move |ws: String, q: TableQuery| {
        let g0 = generation.get_value() + 1;
        generation.set_value(g0);
        loading.set(true);
        error.set(None);
        searches.update_value(SearchQueue::started);
        spawn_local(async move {
            // The three status groups are asked for at once.
            let [a, i, d] = GROUPS.map(|s| q.request(s, None));
            let (a, i, d) = futures::future::join3(
                api::members(&ws, &a),
                api::members(&ws, &i),
                api::members(&ws, &d),
            )
            .await;
            // Only the latest load answers the keystrokes that waited for it.
            let current = generation.try_get_value() == Some(g0);
            let waiting = if current {
                searches.try_update_value(SearchQueue::finished).flatten()
            } else {
                None
            };
            if let Some(text) = waiting.filter(|t| *t != q.search) {
                query.update(|q| q.search = text);
                return;
            }
            let mut next = Groups::default();
            for (s, page) in GROUPS.into_iter().zip([a, i, d]) {
                match page {
                    Ok(page) => next.get_mut(s).apply(page, false),
                    Err(e) if e.status() == Some(404) => {
                        // Removed from this workspace meanwhile: go to another one.
                        cache.update_value(|c| c.forget(&cache_key(&ws)));
                        session.lost(&ws, toasts, router);
                        return;
                    }
                    Err(e) => {
                        if generation.try_get_value() == Some(g0) {
                            error.set(Some(e));
                            loading.set(false);
                        }
                        return;
                    }
                }
            }
            // The table reaches the cache through the effect that follows `groups`.
            if current {
                perf::mark(perf::ROWS_ARRIVED);
                groups.set(next);
                loading.set(false);
                let searched = !q.search.is_empty();
                perf::after_render(move || {
                    perf::mark(perf::ROWS_RENDERED);
                    draw_more();
                    perf::measure(perf::TABLE_RENDER, perf::ROWS_ARRIVED, perf::ROWS_RENDERED);
                    if searched {
                        perf::measure(perf::SEARCH, perf::KEYSTROKE, perf::ROWS_RENDERED);
                    }
                });
            }
        });
    };
    let reload = move || load(ws.get_untracked(), query.get_untracked());
    // Another workspace starts with an empty search box.
    Effect::new(move |prev: Option<String>| {
        let id = ws.get();
        if prev.is_some_and(|p| p != id) && query.with_untracked(|q| !q.search.is_empty()) {
            typed.set(String::new());
            query.update(|q| q.search.clear());
        }
        id
    });
    Effect::new(move |prev: Option<String>| {
        let (id, q) = (ws.get(), query.get());
        // A table seen before shows at once (dimmed while it refreshes);
        // another workspace's rows never stay on screen.
        match cache.with_value(|c| c.get(&cache_key(&id), &q)) {
            Some(seen) => groups.set(seen),
            None if prev.as_ref().is_some_and(|p| p != &id) => groups.set(Groups::default()),
            None => {}
        }
        drawn.set(Drawn::default());
        load(id.clone(), q);
        id
    });
    // Changes made here (role, removal, …) keep the cached table current.
    crate::reactive::effect(move || {
        let g = groups.get();
        let (id, q) = (ws.get_untracked(), query.get_untracked());
        if g.groups[0].loaded && !loading.get_untracked() && q.search.is_empty() {
            cache.update_value(|c| c.put(&cache_key(&id), &q, g));
        }
    });
    let on_search = move |ev: leptos::ev::Event| {
        perf::mark(perf::KEYSTROKE);
        let v = event_target_value(&ev);
        typed.set(v.clone());
        let now = searches.try_update_value(|sq| sq.typed(v)).flatten();
        if let Some(v) = now.filter(|v| query.with_untracked(|q| q.search != *v)) {
            query.update(|q| q.search = v);
        }
    };
    let load_more = move |s: MemberStatus| {
        let cursor = groups.with_untracked(|g| g.get(s).next.clone());
        let (id, q) = (ws.get_untracked(), query.get_untracked());
        let g0 = generation.get_value();
        busy_of(s).set(true);
        spawn_local(async move {
            match api::members(&id, &q.request(s, cursor)).await {
                Ok(page) if generation.try_get_value() == Some(g0) => {
                    let added = groups.try_update(|g| {
                        let group = g.get_mut(s);
                        let before = group.rows.len();
                        group.apply(page, true);
                        let first_new = group.rows.get(before).map(|m| m.id.clone());
                        (group.rows.len(), first_new)
                    });
                    if let Some((loaded, first_new)) = added {
                        drawn.update(|d| {
                            d.grow(s, loaded);
                        });
                        // The pressed button was disabled while loading (focus
                        // fell to the page): carry on from the first new row.
                        if let Some(id) = first_new {
                            focus::refocus_if_lost(&format!("actions-{id}"));
                        }
                    }
                }
                Ok(_) => {}
                Err(e) => toasts.error(e.to_string()),
            }
            busy_of(s).set(false);
        });
    };
    let model = Memo::new(move |_| {
        let id = ws.get();
        session.me.with(|me| {
            groups.with(|g| {
                let rows: Vec<&MemberResponse> = g.rows().collect();
                access::me_in(me.as_ref(), &id, &rows)
            })
        })
    });
    let on_action = Callback::new(move |(a, m): (RowAction, MemberResponse)| {
        let id = ws.get_untracked();
        let (sid, smember) = (id.clone(), m.id.clone());
        let set_status = move |status: MemberStatus, done: &'static str| {
            let (id, member) = (sid, smember);
            spawn_local(async move {
                let req = UpdateMemberRequest {
                    status: Some(status),
                    ..Default::default()
                };
                match api::update_member(&id, &member, &req).await {
                    Ok(m) => {
                        groups.update(|g| g.upsert(m));
                        toasts.ok(done);
                    }
                    Err(e) => toasts.error(e.to_string()),
                }
            });
        };
        match a {
            RowAction::ChangeRole => {
                let acts =
                    model.with_untracked(|(actor, facts, _)| access::row_actions(actor, facts, &m));
                if let Some(acts) = acts {
                    open.set(Some(Open::Role(m, Box::new(acts))));
                }
            }
            RowAction::Transfer => open.set(Some(Open::Transfer(m))),
            RowAction::Remove => open.set(Some(Open::Remove(m))),
            RowAction::Deactivate => set_status(MemberStatus::Deactivated, "Member deactivated."),
            RowAction::Reactivate => set_status(MemberStatus::Active, "Member reactivated."),
            RowAction::CopyLink | RowAction::Resend | RowAction::Revoke => {
                let member = m.id.clone();
                spawn_local(async move {
                    let outcome = async {
                        let inv = invitation_of(&id, &member).await?;
                        match a {
                            RowAction::CopyLink => {
                                let link = api::invitation_link(&id, &inv).await?;
                                open.set(Some(Open::Link(absolute(link.url), member.clone())));
                                Ok::<_, ApiError>(None)
                            }
                            RowAction::Resend => {
                                api::resend_invitation(&id, &inv).await?;
                                Ok(Some("Invitation sent again."))
                            }
                            _ => {
                                api::revoke_invitation(&id, &inv).await?;
                                groups.update(|g| g.remove(&member));
                                Ok(Some("Invitation revoked."))
                            }
                        }
                    };
                    match outcome.await {
                        Ok(Some(msg)) => toasts.ok(msg),
                        Ok(None) => {}
                        Err(e) => toasts.error(e.to_string()),
                    }
                });
            }
        }
    });
    let invite_verdict = move || model.with(|(actor, facts, _)| access::may_invite(actor, facts));
    let ws_name = move || {
        session
            .workspace(&ws.get())
            .map(|w| w.name)
            .unwrap_or_default()
    };
    let header = move |key: SortKey, label: &'static str, class: &'static str| {
        view! {
            <th scope="col" class=class aria-sort=move || query.with(|q| q.aria_sort(key))>
                <button class="sort" on:click=move |_| query.update(|q| q.toggle(key))>
                    {label}
                    <span class="arrow" aria-hidden="true">{move || match query.with(|q| q.aria_sort(key)) {
                        "ascending" => "\u{2191}",
                        "descending" => "\u{2193}",
                        _ => "\u{2195}",
                    }}</span>
                </button>
            </th>
        }
    };
    view! {
        <PageHead title="Team"
            lede=move || view! { "Manage who can access " <strong>{ws_name}</strong> " and what they can do." }>
            {move || {
                let verdict = invite_verdict();
                let reason = verdict.err().map(|d| d.message());
                let disabled = reason.is_some();
                view! {
                    <div class="head-actions">
                        <button id="invite-button" class="btn primary" aria-disabled=disabled.then_some("true")
                            title=reason.clone() aria-describedby=disabled.then_some("invite-why")
                            on:click=move |_| if !disabled { open.set(Some(Open::Invite)) }>
                            "+ Invite people"
                        </button>
                        {reason.map(|r| view! { <small class="why" id="invite-why">{r}</small> })}
                    </div>
                }
            }}
        </PageHead>
        <section class="card flush" aria-label="Members">
            <div class="toolbar">
                <label class="search-box">
                    <span class="visually-hidden">"Search members by name or email"</span>
                    <span class="search-icon" aria-hidden="true">"\u{2315}"</span>
                    <input type="search" placeholder="Search by name or email" data-testid="member-search"
                        prop:value=move || typed.get() on:input=on_search/>
                </label>
                <span class="muted small" aria-live="polite">
                    {move || if loading.get() { "Loading…".to_owned() } else {
                        let n = groups.with(|g| g.rows().count());
                        let more = groups.with(|g| g.groups.iter().any(|x| x.next.is_some()));
                        format!("{n}{} {}", if more { "+" } else { "" }, if n == 1 { "member" } else { "members" })
                    }}
                </span>
            </div>
            {move || error.get().map(|e| view! {
                <div class="pad"><ErrorAlert error=e/>
                    <button class="btn" on:click=move |_| reload()>"Try again"</button></div>
            })}
            <div class="table-scroll">
                <table class="members team" aria-busy=move || loading.get().to_string()>
                    <caption class="visually-hidden">"Members, grouped by status"</caption>
                    <thead>
                        <tr>
                            {header(SortKey::Name, "Name", "")}
                            {header(SortKey::Role, "Role", "")}
                            <th scope="col" class="hide-sm">"Resources"</th>
                            <th scope="col" class="hide-sm">"Features"</th>
                            {header(SortKey::Joined, "Joined", "hide-md")}
                            <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                        </tr>
                    </thead>
                    {show_if(move || loading.get() && groups.with(|g| !g.groups[0].loaded), move || view! {
                        <tbody>
                            {(0..4).map(|_| view! {
                                <tr class="skeleton-row"><td colspan="6"><span class="skeleton wide"></span></td></tr>
                            }).collect_view()}
                        </tbody>
                    }.into_any())}
                    {move || GROUPS.into_iter().map(|s| {
                        let group = groups.with(|g| g.get(s).clone());
                        if group.rows.is_empty() {
                            return ().into_any();
                        }
                        let me = model.with(|(_, _, me)| me.clone());
                        view! {
                            <GroupBody status=s group=group drawn=drawn me=me model=model loading=loading
                                more_busy=busy_of(s) load_more=Callback::new(load_more) on_action=on_action/>
                        }.into_any()
                    }).collect_view()}
                </table>
            </div>
            {show_if(move || !loading.get() && error.with(Option::is_none) && groups.with(Groups::is_empty), move || view! {
                <div class="empty small-empty" data-testid="members-empty">
                    <h2>{move || if query.with(|q| q.search.trim().is_empty()) { "No members yet".to_owned() } else { format!("No members match \u{201c}{}\u{201d}", query.with(|q| q.search.trim().to_owned())) }}</h2>
                    <p class="muted">"Try another name or email address, or invite someone new."</p>
                </div>
            }.into_any())}
        </section>
        <OpenDialog ws=ws open=open groups=groups model=model reload=Callback::new(move |()| reload())/>
    }
}
