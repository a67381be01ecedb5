//! The sidebar: the workspace switcher at the top, then the workspace's pages.

use crate::router::A;
use leptos::prelude::*;

/// The workspace pages, by path segment and label.
const PAGES: [(&str, &str); 3] = [
    ("members", "Team"),
    ("settings", "Settings"),
    ("audit", "Audit log"),
];

/// The left column of the shell; `switcher` fills its top.
#[component]
pub fn Sidebar(ws: Signal<String>, children: Children) -> impl IntoView {
    view! {
        <nav class="sidebar" aria-label="Workspace">
            {children()}
            <div class="nav">
                {PAGES
                    .iter()
                    .map(|(seg, label)| view! {
                        <A href=move || format!("/w/{}/{seg}", ws.get())>{*label}</A>
                    })
                    .collect_view()}
            </div>
            <div class="foot">"Roster " {env!("CARGO_PKG_VERSION")}</div>
        </nav>
    }
}
