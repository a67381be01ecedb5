//! The team page's open dialog, if any: invite, role and access, transfer,
//! invite link or remove, each with what happens to the table after it.

use super::dialogs::{RemoveDialog, TransferDialog};
use super::editor::AccessDialog;
use super::invite::InviteDialog;
use super::links::copy_text;
use crate::components::{Dialog, use_toasts};
use crate::session::use_session;
use crate::state::access::RowActions;
use crate::state::invites::existing;
use crate::state::table::Groups;
use leptos::prelude::*;
use leptos::task::spawn_local;
use roster_api::MemberResponse;
use roster_model::{Actor, Facts};

/// Which dialog is open.
#[derive(Clone)]
pub enum Open {
    /// Invite people.
    Invite,
    /// A member's role and access.
    Role(MemberResponse, Box<RowActions>),
    /// Hand ownership to a member.
    Transfer(MemberResponse),
    /// Confirm removing a member.
    Remove(MemberResponse),
    /// A fresh invite link (url, member id).
    Link(String, String),
}

/// Renders the open dialog of the team page.
#[component]
pub fn OpenDialog(
    ws: Signal<String>,
    open: RwSignal<Option<Open>>,
    groups: RwSignal<Groups>,
    model: Memo<(Actor, Facts, String)>,
    reload: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let toasts = use_toasts();
    let close = Callback::new(move |()| open.set(None));
    let reload = move || reload.run(());
    move || {
        open.get().map(|o| {
            let id = ws.get_untracked();
            let (actor, facts, _): (Actor, Facts, String) = model.get_untracked();
            match o {
                Open::Invite => {
                    let people = groups.with_untracked(|g| existing(g.rows()));
                    view! { <InviteDialog ws=id actor=actor facts=facts people=people on_close=close
                        on_sent=Callback::new(move |()| reload())/> }.into_any()
                }
                Open::Role(m, acts) => view! {
                    <AccessDialog ws=id member=m actions=*acts actor=actor facts=facts on_close=close on_saved=Callback::new(move |m: MemberResponse| {
                        groups.update(|g| g.upsert(m));
                        open.set(None);
                        toasts.ok("Changes saved.");
                    })/>
                }.into_any(),
                Open::Transfer(m) => view! {
                    <TransferDialog ws=id ws_name=facts.workspace_name.clone() member=m on_close=close on_done=Callback::new(move |()| {
                        open.set(None);
                        toasts.ok("Ownership transferred. You are now an Admin.");
                        spawn_local(async move { session.reload().await; });
                        reload();
                    })/>
                }.into_any(),
                Open::Link(url, member) => {
                    let copy = url.clone();
                    view! {
                        <Dialog title="Invite link" description="Share it with the invited person only. Each new link replaces the previous one."
                            on_close=close return_to=format!("actions-{member}")>
                            <div class="stack">
                                <div class="field">
                                    <label for="invite-link">"Link"</label>
                                    <input id="invite-link" type="text" readonly=true autofocus=true prop:value=url/>
                                </div>
                                <div class="actions">
                                    <button type="button" class="btn" on:click=move |_| close.run(())>"Close"</button>
                                    <button type="button" class="btn primary" on:click=move |_| {
                                        copy_text(copy.clone());
                                        toasts.ok("Link copied.");
                                    }>"Copy link"</button>
                                </div>
                            </div>
                        </Dialog>
                    }.into_any()
                }
                Open::Remove(m) => view! {
                    <RemoveDialog ws=id member=m on_close=close on_removed=Callback::new(move |gone: String| {
                        groups.update(|g| g.remove(&gone));
                        open.set(None);
                        toasts.ok("Member removed.");
                    })/>
                }.into_any(),
            }
    })
    }
}
