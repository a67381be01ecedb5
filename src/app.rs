//! The router and the shell layout (sidebar with the workspace switcher,
//! header with the account menu) that workspace pages render inside. The
//! workspace lives in the URL (`/w/{id}/…`), so tabs are independent.

use crate::api;
use crate::components::{AccountMenu, Sidebar, Toast, Toasts};
use crate::pages::{
    InviteLandingPage, MembersPage, NoAccessPage, NotFoundPage, SignInPage, SignUpPage, StartPage,
    Switcher, WelcomePage,
};
use crate::session::{Session, use_session};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::{use_navigate, use_params_map};
use leptos_router::path;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    Session::provide();
    Toasts::provide();
    view! {
        <Router>
            <a class="skip" href="#main">"Skip to content"</a>
            <Routes fallback=|| view! { <main class="main solo" id="main"><NotFoundPage/></main> }>
                <Route path=path!("/") view=StartPage/>
                <Route path=path!("/signin") view=SignInPage/>
                <Route path=path!("/signup") view=SignUpPage/>
                <Route path=path!("/welcome") view=WelcomePage/>
                <Route path=path!("/invitations/accept") view=InviteLandingPage/>
                <Route path=path!("/w/:ws/members") view=WorkspaceShell/>
                <Route path=path!("/w/:ws") view=WorkspaceShell/>
            </Routes>
            <Toast/>
        </Router>
    }
}

/// A workspace page inside the shell, or "no access", or a trip to sign-in.
#[component]
fn WorkspaceShell() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let navigate = use_navigate();
    let ws = Signal::derive(move || params.with(|p| p.get("ws").unwrap_or_default()));
    let nav = navigate.clone();
    Effect::new(move |_| {
        if session.ready.get()
            && session.me.with(Option::is_none)
            && session.error.with(Option::is_none)
        {
            nav("/signin", Default::default());
        }
    });
    let sign_out = Callback::new(move |()| {
        let navigate = navigate.clone();
        spawn_local(async move {
            let _ = api::logout().await;
            session.signed_out();
            navigate("/signin", Default::default());
        });
    });
    let user = move || session.me.with(|m| m.as_ref().map(|m| m.user.clone()));
    // A memo, so a refreshed `/me` with the same answer keeps the page as is.
    let state = Memo::new(move |_| {
        (
            session.ready.get(),
            session.me.with(Option::is_some),
            session.workspace(&ws.get()).map(|w| w.status),
        )
    });
    view! {
        <div class="shell" data-testid="shell">
            <Sidebar ws=ws>
                <Switcher current=ws/>
            </Sidebar>
            <header class="header" role="banner">
                <span class="title">{move || session.workspace(&ws.get()).map(|w| w.name).unwrap_or_default()}</span>
                {move || user().map(|u| view! {
                    <AccountMenu id=u.id name=u.name email=u.email on_sign_out=sign_out/>
                })}
            </header>
            <main class="main" id="main">
                {move || match state.get() {
                    (true, true, Some(s)) if s == "active" => view! { <MembersPage ws=ws/> }.into_any(),
                    (true, true, Some(_)) => view! { <NoAccessPage deactivated=true/> }.into_any(),
                    (true, true, None) => view! { <NoAccessPage/> }.into_any(),
                    _ => match session.error.get() {
                        Some(e) => view! { <crate::components::ErrorAlert error=e/> }.into_any(),
                        None => view! { <div class="boot" aria-busy="true"></div> }.into_any(),
                    },
                }}
            </main>
        </div>
    }
}
