//! The router and the shell layout (sidebar with the workspace switcher,
//! header with the account menu) that workspace pages render inside. The
//! workspace lives in the URL (`/w/{id}/…`), so tabs are independent.

use crate::api;
use crate::components::{AccountMenu, Sidebar, Toast, Toasts};
use crate::pages::{
    AuditPage, InviteLandingPage, MembersPage, NoAccessPage, NotFoundPage, SettingsPage,
    SignInPage, SignUpPage, StartPage, Switcher, WelcomePage,
};
use crate::router::{Route, Router, Section, route_of, section_of, use_router, workspace_of};
use crate::session::{Session, use_session};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let router = Router::provide();
    Session::provide();
    Toasts::provide();
    provide_context(StoredValue::new(crate::state::cache::TableCache::default()));
    let route = Memo::new(move |_| router.with_path(route_of));
    view! {
        <a class="skip" href="#main">"Skip to content"</a>
        {move || match route.get() {
            Route::Start => view! { <StartPage/> }.into_any(),
            Route::SignIn => view! { <SignInPage/> }.into_any(),
            Route::SignUp => view! { <SignUpPage/> }.into_any(),
            Route::Welcome => view! { <WelcomePage/> }.into_any(),
            Route::InviteLanding => view! { <InviteLandingPage/> }.into_any(),
            Route::Workspace => view! { <WorkspaceShell/> }.into_any(),
            Route::NotFound => view! { <main class="main solo" id="main"><NotFoundPage/></main> }.into_any(),
        }}
        <Toast/>
    }
}

/// A workspace page inside the shell, or "no access", or a trip to sign-in.
#[component]
fn WorkspaceShell() -> impl IntoView {
    let session = use_session();
    let router = use_router();
    // Leaving the shell keeps the last id until the shell is gone.
    let ws = Memo::new(move |prev: Option<&String>| {
        router
            .with_path(|p| workspace_of(p).map(decode))
            .or_else(|| prev.cloned())
            .unwrap_or_default()
    });
    let ws: Signal<String> = ws.into();
    let section = Memo::new(move |_| router.with_path(section_of));
    crate::reactive::effect(move || {
        if session.ready.get()
            && session.me.with(Option::is_none)
            && session.error.with(Option::is_none)
        {
            router.navigate("/signin");
        }
    });
    let sign_out = Callback::new(move |()| {
        spawn_local(async move {
            let _ = api::logout().await;
            session.signed_out();
            router.navigate("/signin");
        });
    });
    let user = move || session.me.with(|m| m.as_ref().map(|m| m.user.clone()));
    // A memo, so a refreshed `/me` with the same answer keeps the page as is.
    let state = Memo::new(move |_| {
        (
            session.ready.get(),
            session.me.with(Option::is_some),
            session.workspace(&ws.get()).map(|w| w.status),
            section.get(),
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
                    (true, true, Some(s), page) if s == "active" => match page {
                        Section::Members => view! { <MembersPage ws=ws/> }.into_any(),
                        Section::Settings => view! { <SettingsPage ws=ws/> }.into_any(),
                        Section::Audit => view! { <AuditPage ws=ws/> }.into_any(),
                    },
                    (true, true, Some(_), _) => view! { <NoAccessPage deactivated=true/> }.into_any(),
                    (true, true, None, _) => view! { <NoAccessPage/> }.into_any(),
                    _ => match session.error.get() {
                        Some(e) => view! { <crate::components::ErrorAlert error=e/> }.into_any(),
                        None => view! { <div class="boot" aria-busy="true"></div> }.into_any(),
                    },
                }}
            </main>
        </div>
    }
}

/// A path segment with its percent-escapes decoded (as typed in the URL).
fn decode(segment: &str) -> String {
    js_sys::decode_uri_component(segment)
        .map(String::from)
        .unwrap_or_else(|_| segment.to_owned())
}
