//! The sidebar: the workspace switcher's place at the top, then navigation.

use leptos::prelude::*;
use leptos_router::components::A;

/// Sections that later screens fill in, shown so the layout is honest about
/// what exists.
const COMING: &[&str] = &["Team", "Invitations", "Roles", "Settings", "Audit log"];

/// The left column of the shell.
#[component]
pub fn Sidebar() -> impl IntoView {
    view! {
        <nav class="sidebar" aria-label="Workspace">
            <div class="switcher" data-testid="workspace-switcher">
                <span class="logo" aria-hidden="true">"R"</span>
                <div>
                    <div class="name">"No workspace yet"</div>
                    <div class="hint">"Workspaces appear here"</div>
                </div>
            </div>
            <div class="nav">
                <A href="/">"Overview"</A>
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
