//! The workspace switcher at the top of the sidebar: the current workspace,
//! my workspaces with my role (a listbox with a search box when there are
//! many; arrows, Enter and Escape work), pending invitations and "Create
//! workspace".

use super::workspaces::{CreateWorkspaceForm, PendingInvitations};
use crate::api;
use crate::components::{Avatar, Dialog, focus, show_if};
use crate::router::use_router;
use crate::session::use_session;
use crate::state::access::role_label;
use crate::state::text::lower;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use roster_api::MyWorkspaceResponse;

/// Show the search box from this many workspaces.
const SEARCH_FROM: usize = 6;

/// Workspaces whose name contains the search text (case-insensitive).
pub fn filter_workspaces(all: &[MyWorkspaceResponse], search: &str) -> Vec<MyWorkspaceResponse> {
    let s = lower(search.trim());
    all.iter()
        .filter(|w| s.is_empty() || lower(&w.name).contains(&s))
        .cloned()
        .collect()
}

/// The switcher for workspace `current`.
#[component]
pub fn Switcher(current: Signal<String>) -> impl IntoView {
    let session = use_session();
    let router = use_router();
    let open = RwSignal::new(false);
    let creating = RwSignal::new(false);
    let search = RwSignal::new(String::new());
    let active = RwSignal::new(0usize);
    let popover = NodeRef::<html::Div>::new();
    let all = move || {
        session
            .me
            .with(|m| m.as_ref().map(|m| m.workspaces.clone()).unwrap_or_default())
    };
    // Recomputed where read (a handful of workspaces): cheaper in the WASM
    // than a memo of its own type.
    let shown = move || filter_workspaces(&all(), &search.get());
    let mine = move || session.workspace(&current.get());
    let close = move || {
        open.set(false);
        focus::focus_id("switcher-button");
    };
    let choose = move |id: String| {
        open.set(false);
        search.set(String::new());
        let target = id.clone();
        spawn_local(async move {
            let _ = api::set_last_workspace(&target).await;
        });
        router.navigate(&format!("/w/{id}/members"));
    };
    crate::reactive::effect(move || {
        if open.get() {
            let idx = untrack(shown)
                .iter()
                .position(|w| w.id == current.get_untracked());
            active.set(idx.unwrap_or(0));
            if let Some(p) = popover.get() {
                focus::focus_first(&p);
            }
        }
    });
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let n = shown().len();
        match ev.key().as_str() {
            "Escape" => {
                ev.prevent_default();
                close();
            }
            "ArrowDown" if n > 0 => {
                ev.prevent_default();
                active.update(|a| *a = (*a + 1) % n);
            }
            "ArrowUp" if n > 0 => {
                ev.prevent_default();
                active.update(|a| *a = (*a + n - 1) % n);
            }
            "Enter" => {
                let in_list = event_target::<web_sys::Element>(&ev)
                    .get_attribute("data-listnav")
                    .is_some();
                if in_list {
                    ev.prevent_default();
                    if let Some(w) = shown().get(active.get_untracked()).cloned() {
                        choose(w.id);
                    }
                }
            }
            _ => {}
        }
    };
    let option_id = |i: usize| format!("ws-option-{i}");
    view! {
        <div class="switcher-wrap" data-testid="workspace-switcher">
            <button id="switcher-button" class="switcher" aria-haspopup="dialog"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)>
                {move || match mine() {
                    Some(w) => view! {
                        <Avatar id=w.id.clone() name=w.name.clone() square=true logo=w.logo_url.clone() colour=w.colour.clone()/>
                        <span class="switcher-text">
                            <span class="name" data-testid="current-workspace">{w.name.clone()}</span>
                            <span class="hint">{role_label(&w.role)}</span>
                        </span>
                    }.into_any(),
                    None => view! {
                        <span class="av square tint-0" aria-hidden="true">"R"</span>
                        <span class="switcher-text"><span class="name">"Choose a workspace"</span></span>
                    }.into_any(),
                }}
                <span class="chevron" aria-hidden="true">"\u{2195}"</span>
            </button>
            {show_if(move || open.get(), move || view! {
                <div class="click-away" on:click=move |_| open.set(false)></div>
                <div class="popover switcher-pop" role="dialog" aria-label="Switch workspace" node_ref=popover on:keydown=on_key>
                    {show_if(move || { all().len() >= SEARCH_FROM }, move || view! {
                        <input class="search" type="search" role="combobox" aria-label="Find a workspace"
                            placeholder="Find a workspace…" autofocus=true data-listnav=""
                            aria-controls="ws-listbox" aria-expanded="true" aria-autocomplete="list"
                            aria-activedescendant=move || option_id(active.get())
                            prop:value=move || search.get()
                            on:input=move |ev| { search.set(event_target_value(&ev)); active.set(0); }/>
                    }.into_any())}
                    <div class="section-label" id="ws-listbox-label">"Workspaces"</div>
                    <ul id="ws-listbox" role="listbox" aria-labelledby="ws-listbox-label" data-listnav=""
                        tabindex={move || if all().len() >= SEARCH_FROM { "-1" } else { "0" }}
                        autofocus={move || all().len() < SEARCH_FROM}
                        aria-activedescendant=move || option_id(active.get())>
                        {move || {
                            shown().into_iter().enumerate().map(move |(i, w)| {
                                let id = w.id.clone();
                                let selected = w.id == current.get();
                                view! {
                                    <li id=option_id(i) role="option" aria-selected=selected.to_string()
                                        class:active=move || active.get() == i
                                        on:click=move |_| choose(id.clone())>
                                        <Avatar id=w.id.clone() name=w.name.clone() square=true logo=w.logo_url.clone() colour=w.colour.clone()/>
                                        <span class="grow">{w.name.clone()}</span>
                                        <span class="muted small">{role_label(&w.role)}</span>
                                        {selected.then(|| view! { <span class="check" aria-hidden="true">"\u{2713}"</span> })}
                                    </li>
                                }
                            }).collect_view()
                        }}
                        {show_if(move || shown().is_empty(), move || view! {
                            <li class="muted small empty-option" role="presentation">"No workspace matches."</li>
                        }.into_any())}
                    </ul>
                    <PendingInvitations compact=true/>
                    <div class="pop-foot">
                        <button class="btn ghost block" id="create-workspace-button"
                            on:click=move |_| { open.set(false); creating.set(true); }>
                            "+ Create workspace"
                        </button>
                    </div>
                </div>
            }.into_any())}
            {show_if(move || creating.get(), move || view! {
                <Dialog title="Create workspace" description="A workspace holds your team, roles and data."
                    on_close=Callback::new(move |_| creating.set(false)) return_to="switcher-button">
                    <CreateWorkspaceForm on_done=Callback::new(move |_| creating.set(false))/>
                </Dialog>
            }.into_any())}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ws(name: &str) -> MyWorkspaceResponse {
        MyWorkspaceResponse {
            id: name.to_lowercase(),
            name: name.into(),
            role: "admin".into(),
            status: "active".into(),
            archived: false,
            logo_url: None,
            colour: None,
        }
    }

    #[test]
    fn the_search_matches_names_case_insensitively() {
        let all = [ws("Acme"), ws("Globex"), ws("Acme Labs")];
        assert_eq!(filter_workspaces(&all, "").len(), 3);
        let got = filter_workspaces(&all, " acme ");
        assert_eq!(
            got.iter().map(|w| w.name.as_str()).collect::<Vec<_>>(),
            ["Acme", "Acme Labs"]
        );
        assert!(filter_workspaces(&all, "zzz").is_empty());
    }
}
