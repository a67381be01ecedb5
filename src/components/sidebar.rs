//! The sidebar: the workspace switcher at the top, then navigation.

use crate::router::A;
use leptos::prelude::*;

/// Sections that later screens fill in, shown so the layout is honest about
/// what exists.
const COMING: &[&str] = &["Roles", "Settings", "Audit log"];

/// The left column of the shell; `switcher` fills its top.
#[component]
pub fn Sidebar(ws: Signal<String>, children: Children) -> impl IntoView {
    view! {
        <nav class="sidebar" aria-label="Workspace">
            {children()}
            <div class="nav">
                <A href=move || format!("/w/{}/members", ws.get())>"Team"</A>
                {COMING
                    .iter()
                    .map(|name| view! {
                        <span class="soon" aria-disabled="true">{*name}<small>"soon"</small></span>
                    })
                    .collect_view()}
            </div>
            <div class="foot">"Roster " {env!("CARGO_PKG_VERSION")}</div>
        </nav>
    }
}
