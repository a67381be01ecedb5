//! A round avatar with initials on a colour picked from the id (a class), or
//! for a workspace its own logo or brand colour.

use crate::state::text::{initials, ink_on, tint};
use leptos::prelude::*;
use roster_model::settings::{parse_colour, parse_logo_url};

/// Initials in a tinted circle (square for workspaces); a workspace's logo
/// or brand colour (`#rrggbb`) replaces the tint when it has one.
#[component]
pub fn Avatar(
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    #[prop(optional, into)] email: String,
    #[prop(optional)] square: bool,
    #[prop(optional)] large: bool,
    #[prop(default = None)] logo: Option<String>,
    #[prop(default = None)] colour: Option<String>,
) -> impl IntoView {
    let mut class = format!("av {}", tint(&id));
    if square {
        class.push_str(" square");
    }
    if large {
        class.push_str(" large");
    }
    // The model's parsers say what a logo and a colour are; the CSP loads
    // only https images.
    let logo = logo.and_then(|l| parse_logo_url(&l).ok().flatten());
    if let Some(src) = logo.filter(|l| l.starts_with("https://")) {
        return view! { <img class=class src=src alt="" aria-hidden="true"/> }.into_any();
    }
    let style = colour
        .and_then(|c| parse_colour(&c).ok().flatten())
        .map(|c| format!("background:{c};color:{}", ink_on(&c)))
        .unwrap_or_default();
    view! { <span class=class style=style aria-hidden="true">{initials(&name, &email)}</span> }
        .into_any()
}
