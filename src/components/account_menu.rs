//! The account menu in the header: a button that opens a menu, operable by
//! keyboard (Enter/Space open it and focus its first item, Escape closes it
//! and returns focus to the button).

use leptos::ev::KeyboardEvent;
use leptos::html;
use leptos::prelude::*;

/// The signed-out account menu (sign-in arrives with accounts).
#[component]
pub fn AccountMenu() -> impl IntoView {
    let open = RwSignal::new(false);
    let button = NodeRef::<html::Button>::new();
    let first_item = NodeRef::<html::Button>::new();
    // The menu's first item takes focus as soon as the menu is rendered.
    Effect::new(move |_| {
        if let Some(item) = first_item.get() {
            let _ = item.focus();
        }
    });
    let close = move || {
        open.set(false);
        if let Some(b) = button.get() {
            let _ = b.focus();
        }
    };
    let on_key = move |ev: KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            ev.prevent_default();
            close();
        }
    };
    view! {
        <div class="menu-wrap" on:keydown=on_key>
            <button
                class="btn icon avatar"
                node_ref=button
                aria-haspopup="menu"
                aria-expanded=move || open.get().to_string()
                aria-controls="account-menu"
                aria-label="Account"
                on:click=move |_| open.update(|o| *o = !*o)
            >
                "?"
            </button>
            <Show when=move || open.get()>
                <ul class="menu" id="account-menu" role="menu" aria-label="Account">
                    <li class="menu-label" role="presentation">"Not signed in"</li>
                    <li role="none">
                        <button role="menuitem" node_ref=first_item on:click=move |_| close()>
                            "Close menu"
                        </button>
                    </li>
                </ul>
            </Show>
        </div>
    }
}
