//! A modal dialog: labelled by its title, traps focus while open, closes on
//! Escape or the backdrop, and hands focus back to the control that opened
//! it, however it closes.

use super::focus;
use leptos::html;
use leptos::prelude::*;

/// A modal dialog. Render it only while open; closing calls `on_close`, and
/// its removal focuses the element with id `return_to` when focus was lost
/// with it.
#[component]
pub fn Dialog(
    /// Heading text, also the accessible name.
    #[prop(into)]
    title: String,
    /// One line under the title.
    #[prop(optional, into)]
    description: Option<String>,
    /// Called on Escape, the close button or the backdrop.
    on_close: Callback<()>,
    /// The id of the element to focus afterwards.
    #[prop(into)]
    return_to: String,
    /// Wider layout for tables inside.
    #[prop(optional)]
    wide: bool,
    children: Children,
) -> impl IntoView {
    let panel = NodeRef::<html::Div>::new();
    let id = format!("dlg-{}", crate::components::next_id());
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let close = move || on_close.run(());
    // However the dialog goes (Escape, Cancel, Done, a save, a parent
    // closing it), focus that fell to the page with it goes back to where
    // the dialog was opened.
    on_cleanup(move || focus::refocus_if_lost(&return_to));
    crate::reactive::effect(move || {
        if let Some(p) = panel.get() {
            focus::focus_first(&p);
        }
    });
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            ev.stop_propagation();
            close();
        } else if let Some(p) = panel.get_untracked() {
            focus::trap_tab(&p, &ev);
        }
    };
    let has_desc = description.is_some();
    let (title_ref, desc_ref) = (title_id.clone(), desc_id.clone());
    view! {
        <div class="overlay" on:mousedown=move |ev| {
            if ev.target() == ev.current_target() { close() }
        }>
            <div
                class=if wide { "dialog wide" } else { "dialog" }
                role="dialog"
                aria-modal="true"
                aria-labelledby=title_ref
                aria-describedby=has_desc.then_some(desc_ref)
                node_ref=panel
                on:keydown=on_key
            >
                <div class="dialog-head">
                    <div>
                        <h2 id=title_id>{title}</h2>
                        {description.map(|d| view! { <p class="muted" id=desc_id>{d}</p> })}
                    </div>
                    <button class="btn icon ghost" aria-label="Close" on:click=move |_| close()>
                        "\u{2715}"
                    </button>
                </div>
                {children()}
            </div>
        </div>
    }
}
