//! The account menu in the header: a button that opens a menu, operable by
//! keyboard (Enter/Space open it and focus its first item, arrows move,
//! Escape closes it and returns focus to the button).

use super::{Avatar, focus, show_if};
use leptos::ev::KeyboardEvent;
use leptos::html;
use leptos::prelude::*;

/// The signed-in person's menu.
#[component]
pub fn AccountMenu(
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    #[prop(into)] email: String,
    on_sign_out: Callback<()>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let menu = NodeRef::<html::Ul>::new();
    crate::reactive::effect(move || {
        if let Some(m) = menu.get() {
            focus::focus_first(&m);
        }
    });
    let close = move || {
        open.set(false);
        focus::focus_id("account-button");
    };
    let on_key = move |ev: KeyboardEvent| match ev.key().as_str() {
        "Escape" if open.get_untracked() => {
            ev.prevent_default();
            close();
        }
        "Tab" => open.set(false),
        _ => {
            if let Some(m) = menu.get_untracked() {
                focus::menu_keys(&m, &ev);
            }
        }
    };
    view! {
        <div class="menu-wrap" on:keydown=on_key>
            <button
                id="account-button"
                class="account-button"
                aria-haspopup="menu"
                aria-expanded=move || open.get().to_string()
                aria-controls="account-menu"
                aria-label="Account"
                on:click=move |_| open.update(|o| *o = !*o)
            >
                <Avatar id=id name=name.clone() email=email.clone()/>
            </button>
            {show_if(move || open.get(), move || view! {
                <div class="click-away" on:click=move |_| open.set(false)></div>
                <ul class="menu" id="account-menu" role="menu" aria-label="Account" node_ref=menu>
                    <li class="menu-label" role="presentation">
                        <div class="strong">{name.clone()}</div>
                        <div class="muted">{email.clone()}</div>
                    </li>
                    <li role="none">
                        <button role="menuitem" on:click=move |_| { open.set(false); on_sign_out.run(()) }>
                            "Sign out"
                        </button>
                    </li>
                </ul>
            }.into_any())}
        </div>
    }
}
