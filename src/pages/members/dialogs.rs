//! The team table's confirmations: transfer ownership (typed confirmation)
//! and remove.

use super::row::display_name;
use crate::api::{self, ApiError};
use crate::components::Dialog;
use leptos::prelude::*;
use leptos::task::spawn_local;
use roster_api::MemberResponse;

fn error_line(err: RwSignal<Option<ApiError>>) -> impl IntoView {
    move || {
        err.get()
            .map(|e| view! { <div class="alert" role="alert">{e.to_string()}</div> })
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
