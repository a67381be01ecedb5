//! Who is signed in: `/me` held in a context signal, refreshed after every
//! change that alters it. A local flag remembers that a session exists, so a
//! signed-out visitor is sent to sign-in without a failing `/me` request.

use crate::api::{self, ApiError};
use crate::components::Toasts;
use crate::router::Router;
use leptos::prelude::*;
use leptos::task::spawn_local;
use roster_api::{MeResponse, MyWorkspaceResponse};

const FLAG: &str = "roster.session";

/// The session context.
#[derive(Clone, Copy)]
pub struct Session {
    /// `/me`, once loaded; `None` when signed out.
    pub me: RwSignal<Option<MeResponse>>,
    /// Whether the first answer (or the decision not to ask) arrived.
    pub ready: RwSignal<bool>,
    /// A failure other than "not signed in".
    pub error: RwSignal<Option<ApiError>>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn flag_set() -> bool {
    storage().is_some_and(|s| s.get_item(FLAG).ok().flatten().is_some())
}

fn set_flag(on: bool) {
    if let Some(s) = storage() {
        let _ = if on {
            s.set_item(FLAG, "1")
        } else {
            s.remove_item(FLAG)
        };
    }
}

impl Session {
    /// Creates the context and loads `/me` when a session may exist.
    pub fn provide() -> Session {
        let s = Session {
            me: RwSignal::new(None),
            ready: RwSignal::new(false),
            error: RwSignal::new(None),
        };
        provide_context(s);
        if flag_set() {
            s.refresh();
        } else {
            s.ready.set(true);
        }
        s
    }

    /// Reloads `/me` in the background.
    pub fn refresh(self) {
        spawn_local(async move {
            self.apply(api::me().await);
        });
    }

    /// Reloads `/me` and waits for it.
    pub async fn reload(self) {
        self.apply(api::me().await);
    }

    fn apply(self, r: Result<MeResponse, ApiError>) {
        match r {
            Ok(me) => {
                set_flag(true);
                self.error.set(None);
                self.me.set(Some(me));
            }
            Err(e) if e.status() == Some(401) => {
                set_flag(false);
                self.me.set(None);
            }
            Err(e) => self.error.set(Some(e)),
        }
        self.ready.set(true);
    }

    /// After sign-up or log-in.
    pub fn signed_in(self) {
        set_flag(true);
    }

    /// After sign-out.
    pub fn signed_out(self) {
        set_flag(false);
        self.me.set(None);
    }

    /// The server says I no longer reach `ws` (removed meanwhile): `/me`
    /// again, a message, and on to another workspace (or the first-workspace
    /// screen). Every workspace page answers a 404 this way. A task of its
    /// own, so its code is compiled once, not into each page's.
    pub fn lost(self, ws: &str, toasts: Toasts, router: Router) {
        let name = self.workspace(ws).map(|w| w.name).unwrap_or_default();
        spawn_local(async move {
            self.reload().await;
            toasts.error(format!("You no longer have access to {name}."));
            router.navigate(&self.home_path());
        });
    }

    /// My membership of a workspace, if any.
    pub fn workspace(self, ws: &str) -> Option<MyWorkspaceResponse> {
        self.me
            .with(|m| m.as_ref()?.workspaces.iter().find(|w| w.id == ws).cloned())
    }

    /// Where to go after signing in: the last workspace, another one, or the
    /// first-workspace screen.
    pub fn home_path(self) -> String {
        self.me.with(|m| match m {
            None => "/signin".to_owned(),
            Some(me) => home_of(me),
        })
    }
}

/// The landing path for a user.
pub fn home_of(me: &MeResponse) -> String {
    let usable = |w: &&MyWorkspaceResponse| w.status == "active";
    let last = me
        .last_workspace_id
        .as_ref()
        .and_then(|id| me.workspaces.iter().filter(usable).find(|w| &w.id == id));
    match last.or_else(|| me.workspaces.iter().find(usable)) {
        Some(w) => format!("/w/{}/members", w.id),
        None => "/welcome".to_owned(),
    }
}

/// The session from context.
pub fn use_session() -> Session {
    expect_context::<Session>()
}
