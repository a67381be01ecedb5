//! The router and the shell layout (sidebar with the workspace switcher's
//! place, header with the account menu) that every page renders inside.

use crate::components::{AccountMenu, Sidebar};
use crate::pages::{HomePage, NotFoundPage};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <div class="shell" data-testid="shell">
                <Sidebar/>
                <header class="header" role="banner">
                    <span class="title">"Roster"</span>
                    <AccountMenu/>
                </header>
                <main class="main" id="main">
                    <Routes fallback=|| view! { <NotFoundPage/> }>
                        <Route path=path!("/") view=HomePage/>
                    </Routes>
                </main>
            </div>
        </Router>
    }
}
