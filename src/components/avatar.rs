//! A round avatar with initials on a colour picked from the id (a class, as
//! the CSP forbids inline styles).

use crate::state::text::{initials, tint};
use leptos::prelude::*;

/// Initials in a tinted circle (square for workspaces).
#[component]
pub fn Avatar(
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    #[prop(optional, into)] email: String,
    #[prop(optional)] square: bool,
    #[prop(optional)] large: bool,
) -> impl IntoView {
    let mut class = format!("av {}", tint(&id));
    if square {
        class.push_str(" square");
    }
    if large {
        class.push_str(" large");
    }
    view! { <span class=class aria-hidden="true">{initials(&name, &email)}</span> }
}
