//! `/invitations/accept?token=…`, where invitation emails and copied links
//! lead: it names the workspace and the inviter, then (as `state::landing`
//! decides) offers sign-up or sign-in and comes back, accepts and opens the
//! workspace, offers to switch account, opens the workspace for a member,
//! or says clearly why the invitation cannot be used.

use crate::api::{self, ApiError};
use crate::components::Avatar;
use crate::router::{A, use_router};
use crate::session::use_session;
use crate::state::access::role_label;
use crate::state::landing::{Landing, landing};
use leptos::prelude::*;
use leptos::task::spawn_local;
use roster_api::InvitationPreviewResponse;

/// Where to return after signing in: only paths on this site.
pub fn safe_next(next: Option<String>) -> Option<String> {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.contains('\\'))
}

/// The landing page of an invitation link.
#[component]
pub fn InviteLandingPage() -> impl IntoView {
    let session = use_session();
    let router = use_router();
    let token = router.query("token").unwrap_or_default();
    let here: String = format!(
        "/invitations/accept?token={}",
        String::from(js_sys::encode_uri_component(&token))
    );
    let next = String::from(js_sys::encode_uri_component(&here));
    // What the link offers (asked once; the answer does not depend on who
    // is signed in), and the accept call's failure.
    let preview = RwSignal::new(None::<Result<InvitationPreviewResponse, ApiError>>);
    let error = RwSignal::new(None::<ApiError>);
    let started = RwSignal::new(false);
    let tok = token.clone();
    spawn_local(async move {
        let r = api::invitation_lookup(&tok).await;
        preview.try_set(Some(r));
    });
    let state = move || {
        if !session.ready.get() {
            return None;
        }
        preview.with(|p| match p {
            Some(Ok(p)) => Some(session.me.with(|m| landing(p, m.as_ref()))),
            _ => None,
        })
    };
    crate::reactive::effect(move || {
        if state() != Some(Landing::Accept) || started.get_untracked() {
            return;
        }
        started.set(true);
        let token = token.clone();
        spawn_local(async move {
            match api::accept_invitation_token(&token).await {
                Ok(done) => {
                    session.reload().await;
                    router.navigate(&format!("/w/{}/members", done.workspace_id));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    });
    let sign_out = move |_| {
        spawn_local(async move {
            let _ = api::logout().await;
            session.signed_out();
            error.set(None);
            started.set(false);
        });
    };
    let home = move || ("Go to my workspaces", session.home_path());
    // Every state is one shape: a line of text and the ways on.
    let panel = move || -> (Option<InvitationPreviewResponse>, Panel) {
        let inv = match preview.get() {
            Some(Ok(inv)) => inv,
            Some(Err(e)) if e.status() == Some(404) => {
                return (None, Panel::warn("This link no longer works: a newer invitation may have replaced it, or it was withdrawn. Ask the person who invited you for a new link.".into(), vec![home()]));
            }
            Some(Err(e)) => return (None, Panel::warn(e.to_string(), vec![])),
            None => return (None, Panel::busy("Checking your invitation…")),
        };
        let p = match (error.get(), state()) {
            (Some(e), _) => Panel::warn(e.to_string(), vec![home()]),
            // Accepting (and, once accepted, on the way in).
            (None, _) if started.get() => Panel::busy("Joining the workspace…"),
            (None, Some(Landing::SignedOut)) => {
                let email = String::from(js_sys::encode_uri_component(&inv.email));
                Panel::text(
                    format!(
                        "The invitation was sent to {}. Create an account with that address, or sign in, and you will join right away.",
                        inv.email
                    ),
                    vec![
                        (
                            "Create an account",
                            format!("/signup?next={next}&email={email}"),
                        ),
                        ("Sign in", format!("/signin?next={next}&email={email}")),
                    ],
                )
            }
            (None, Some(Landing::OtherAccount(me))) => Panel {
                sign_out: true,
                ..Panel::warn(
                    format!(
                        "This invitation was sent to {}, but you are signed in as {me}. Sign out, then sign in or create an account with the invited address.",
                        inv.email
                    ),
                    vec![home()],
                )
            },
            (None, Some(Landing::Member)) => Panel::text(
                "You are already a member of this workspace.".into(),
                vec![(
                    "Open the workspace",
                    format!("/w/{}/members", inv.workspace_id),
                )],
            ),
            (None, Some(Landing::Closed(why))) => Panel::warn(why.into(), vec![home()]),
            (None, Some(Landing::Accept)) => Panel::busy("Joining the workspace…"),
            (None, None) => Panel::busy("Checking your invitation…"),
        };
        (Some(inv), p)
    };
    let body = move || {
        let (inv, p) = panel();
        let first = if p.sign_out {
            "btn block"
        } else {
            "btn primary block"
        };
        view! {
            {inv.map(|inv| view! {
                <div class="invite-head">
                    <Avatar id=inv.workspace_id.clone() name=inv.workspace_name.clone() square=true large=true/>
                    <div>
                        <h1>{format!("Join {}", inv.workspace_name)}</h1>
                        <p class="muted">{match &inv.inviter_name {
                            Some(n) => format!("{n} invited you as {}.", role_label(&inv.role)),
                            None => format!("You are invited as {}.", role_label(&inv.role)),
                        }}</p>
                    </div>
                </div>
            })}
            <p class=if p.warn { "callout warn" } else { "" } aria-busy=p.busy.then_some("true")>{p.text}</p>
            <div class="stack">
                {p.sign_out.then(|| view! {
                    <button class="btn primary block" on:click=sign_out>"Sign out and switch account"</button>
                })}
                {p.links.into_iter().enumerate().map(|(i, (label, href))| view! {
                    <A href=href class=if i == 0 { first } else { "btn block" }>{label}</A>
                }).collect_view()}
            </div>
        }
    };
    view! {
        <main class="auth" id="main">
            <div class="auth-card card stack" data-testid="invite-landing">
                <div class="brand"><span class="brand-mark" aria-hidden="true">"R"</span>"Roster"</div>
                {body}
            </div>
        </main>
    }
}

/// What the page says in a state, and where it lets one go.
struct Panel {
    text: String,
    /// Shown as a warning.
    warn: bool,
    /// Something is under way.
    busy: bool,
    /// Offers to sign out (before the links).
    sign_out: bool,
    /// (label, path); the first is the main way on.
    links: Vec<(&'static str, String)>,
}

impl Panel {
    fn text(text: String, links: Vec<(&'static str, String)>) -> Self {
        Self {
            text,
            warn: false,
            busy: false,
            sign_out: false,
            links,
        }
    }

    fn warn(text: String, links: Vec<(&'static str, String)>) -> Self {
        Self {
            warn: true,
            ..Self::text(text, links)
        }
    }

    fn busy(text: &str) -> Self {
        Self {
            busy: true,
            ..Self::text(text.to_owned(), Vec::new())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(
            safe_next(Some("/w/1/members".into())).as_deref(),
            Some("/w/1/members")
        );
        for bad in [
            "https://evil.test",
            "//evil.test",
            "/\\evil.test",
            "members",
        ] {
            assert_eq!(safe_next(Some(bad.into())), None, "{bad}");
        }
        assert_eq!(safe_next(None), None);
    }
}
