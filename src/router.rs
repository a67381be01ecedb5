//! Client-side routing: the current URL lives in one signal; `navigate` and
//! clicks on same-origin links push a history entry, back and forward follow
//! `popstate`. It covers what the console needs (absolute paths, one path
//! parameter, query strings, `aria-current` on links) in a fraction of the
//! WASM that a general router costs (the console's budget is 250 KB gzip).

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast as _;
use web_sys::{HtmlAnchorElement, MouseEvent};

/// The screens, by path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// `/`
    Start,
    /// `/signin`
    SignIn,
    /// `/signup`
    SignUp,
    /// `/welcome`
    Welcome,
    /// `/invitations/accept`
    InviteLanding,
    /// `/w/{ws}` and `/w/{ws}/{section}` (the shell; the id is
    /// [`workspace_of`], the page [`section_of`]).
    Workspace,
    /// Anything else.
    NotFound,
}

/// The route for a path (without query or hash); a trailing `/` is ignored.
pub fn route_of(path: &str) -> Route {
    let trimmed = path.strip_suffix('/').filter(|p| !p.is_empty());
    match trimmed.unwrap_or(path) {
        "/" => Route::Start,
        "/signin" => Route::SignIn,
        "/signup" => Route::SignUp,
        "/welcome" => Route::Welcome,
        "/invitations/accept" => Route::InviteLanding,
        p if workspace_of(p).is_some() => Route::Workspace,
        _ => Route::NotFound,
    }
}

/// The pages of a workspace, by the last segment of `/w/{ws}/{section}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    /// `members` (also the bare `/w/{ws}`).
    Members,
    /// `settings`.
    Settings,
    /// `audit`.
    Audit,
}

fn split_workspace(path: &str) -> Option<(&str, Section)> {
    let rest = path.strip_prefix("/w/")?;
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    let (ws, section) = match rest.split_once('/') {
        None => (rest, Section::Members),
        Some((ws, "members")) => (ws, Section::Members),
        Some((ws, "settings")) => (ws, Section::Settings),
        Some((ws, "audit")) => (ws, Section::Audit),
        Some(_) => return None,
    };
    (!ws.is_empty()).then_some((ws, section))
}

/// The raw (still percent-encoded) `{ws}` of `/w/{ws}[/{section}]`.
pub fn workspace_of(path: &str) -> Option<&str> {
    split_workspace(path).map(|(ws, _)| ws)
}

/// The workspace page a path shows.
pub fn section_of(path: &str) -> Section {
    split_workspace(path).map_or(Section::Members, |(_, s)| s)
}

/// Whether a link to `href` is the current page or a section of it.
pub fn is_current(path: &str, href: &str) -> bool {
    let href = href.split(['?', '#']).next().unwrap_or_default();
    path == href || (path.starts_with(href) && path[href.len()..].starts_with('/'))
}

/// The router context: the current path and query string (`?…` or empty).
#[derive(Clone, Copy)]
pub struct Router {
    url: RwSignal<(String, String)>,
}

fn current() -> (String, String) {
    let loc = window().location();
    (
        loc.pathname().unwrap_or_else(|_| "/".to_owned()),
        loc.search().unwrap_or_default(),
    )
}

impl Router {
    /// Creates the context and listens to link clicks and back/forward.
    pub fn provide() -> Router {
        let r = Router {
            url: RwSignal::new(current()),
        };
        provide_context(r);
        let click = window_event_listener(ev::click, move |e| r.on_click(&e));
        let pop = window_event_listener(ev::popstate, move |_| r.url.set(current()));
        on_cleanup(move || {
            click.remove();
            pop.remove();
        });
        r
    }

    /// Runs `f` on the current path (tracked).
    pub fn with_path<T>(self, f: impl FnOnce(&str) -> T) -> T {
        self.url.with(|u| f(&u.0))
    }

    /// One decoded query parameter of the current URL (untracked).
    pub fn query(self, name: &str) -> Option<String> {
        let search = self.url.with_untracked(|u| u.1.clone());
        web_sys::UrlSearchParams::new_with_str(&search)
            .ok()?
            .get(name)
    }

    /// Goes to the local URL `to` (`/path?query#hash`) with a new history
    /// entry, then scrolls to the top or to the `#hash` element.
    pub fn navigate(self, to: &str) {
        let (rest, hash) = to.split_once('#').unwrap_or((to, ""));
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        let search = if query.is_empty() {
            String::new()
        } else {
            format!("?{query}")
        };
        let win = window();
        let here = win.location().href().unwrap_or_default();
        let there = web_sys::Url::new_with_base(to, &here).map(|u| u.href());
        if there.is_ok_and(|t| t != here)
            && let Ok(h) = win.history()
        {
            let _ = h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(to));
        }
        self.url.try_set((path.to_owned(), search));
        let target = (!hash.is_empty())
            .then(|| js_sys::decode_uri(hash).ok())
            .flatten()
            .and_then(|h| document().get_element_by_id(&String::from(h)));
        match target {
            Some(el) => el.scroll_into_view(),
            None => win.scroll_to_with_x_and_y(0.0, 0.0),
        }
    }

    /// Handles a click on a same-origin link in the app, as a browser would
    /// but without reloading; other clicks keep the browser's behaviour.
    fn on_click(self, e: &MouseEvent) {
        if e.default_prevented()
            || e.button() != 0
            || e.meta_key()
            || e.alt_key()
            || e.ctrl_key()
            || e.shift_key()
        {
            return;
        }
        let Some(a) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href]").ok().flatten())
            .and_then(|el| el.dyn_into::<HtmlAnchorElement>().ok())
        else {
            return;
        };
        let external = a
            .get_attribute("rel")
            .is_some_and(|r| r.split_ascii_whitespace().any(|p| p == "external"));
        let origin = window().location().origin().unwrap_or_default();
        if !a.target().is_empty() || a.has_attribute("download") || external || a.origin() != origin
        {
            return;
        }
        e.prevent_default();
        self.navigate(&format!("{}{}{}", a.pathname(), a.search(), a.hash()));
    }
}

/// The router context.
pub fn use_router() -> Router {
    expect_context()
}

/// A link inside the app; `aria-current="page"` while its page is shown.
#[component]
pub fn A(
    #[prop(into)] href: Signal<String>,
    #[prop(optional)] class: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let router = use_router();
    let current = move || {
        href.with(|h| router.with_path(|p| is_current(p, h)))
            .then_some("page")
    };
    view! { <a href=href class=class aria-current=current>{children()}</a> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_their_screens() {
        for (path, route) in [
            ("/", Route::Start),
            ("", Route::NotFound),
            ("/signin", Route::SignIn),
            ("/signin/", Route::SignIn),
            ("/signup", Route::SignUp),
            ("/welcome", Route::Welcome),
            ("/invitations/accept", Route::InviteLanding),
            ("/w/ws1", Route::Workspace),
            ("/w/ws1/members", Route::Workspace),
            ("/w/ws1/members/", Route::Workspace),
            ("/w/", Route::NotFound),
            ("/w/ws1/settings", Route::Workspace),
            ("/w/ws1/audit/", Route::Workspace),
            ("/w/ws1/roles", Route::NotFound),
            ("/nowhere", Route::NotFound),
            ("/signin/more", Route::NotFound),
        ] {
            assert_eq!(route_of(path), route, "{path:?}");
        }
    }

    #[test]
    fn the_workspace_comes_from_the_path() {
        assert_eq!(workspace_of("/w/ws1/members"), Some("ws1"));
        assert_eq!(workspace_of("/w/ws%201"), Some("ws%201"));
        assert_eq!(workspace_of("/w//members"), None);
        assert_eq!(workspace_of("/signin"), None);
        assert_eq!(section_of("/w/ws1"), Section::Members);
        assert_eq!(section_of("/w/ws1/settings"), Section::Settings);
        assert_eq!(section_of("/w/ws1/audit"), Section::Audit);
    }

    #[test]
    fn a_link_is_current_on_its_page_and_below() {
        assert!(is_current("/w/1/members", "/w/1/members"));
        assert!(is_current("/w/1/members/x", "/w/1/members"));
        assert!(is_current("/signin", "/signin?next=%2F"));
        assert!(!is_current("/w/1/membersx", "/w/1/members"));
        assert!(!is_current("/w/2/members", "/w/1/members"));
    }
}
