//! `/invitations/accept?token=…`, where invitation emails and copied links
//! lead: signed out, it offers sign-up or sign-in and comes back; signed in,
//! it accepts and opens the workspace, or says clearly why it cannot.

use crate::api::{self, ApiError};
use crate::router::{A, use_router};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;

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
    let error = RwSignal::new(None::<ApiError>);
    let started = RwSignal::new(false);
    let tok = token.clone();
    crate::reactive::effect(move || {
        let signed_in = session.ready.get() && session.me.with(Option::is_some);
        if !signed_in || started.get_untracked() {
            return;
        }
        started.set(true);
        let token = tok.clone();
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
    let signed_out = move || session.ready.get() && session.me.with(Option::is_none);
    let email = move || {
        session
            .me
            .with(|m| m.as_ref().map(|m| m.user.email.clone()))
    };
    let (n1, n2) = (next.clone(), next);
    view! {
        <main class="auth" id="main">
            <div class="auth-card card" data-testid="invite-landing">
                <div class="brand"><span class="brand-mark" aria-hidden="true">"R"</span>"Roster"</div>
                {move || match (signed_out(), error.get()) {
                    (_, Some(e)) => view! {
                        <h1>"This invitation can't be used"</h1>
                        <div class="alert" role="alert">{e.to_string()}</div>
                        <p class="muted small">
                            {email().map(|e| format!("You are signed in as {e}. If the invitation was sent to another address, sign out and use that account."))}
                        </p>
                        <div class="actions">
                            <button class="btn" on:click=sign_out>"Sign out"</button>
                            <A href=move || session.home_path() class="btn primary">"Go to my workspaces"</A>
                        </div>
                    }.into_any(),
                    (true, None) => view! {
                        <h1>"You're invited"</h1>
                        <p class="muted">"Someone invited you to a workspace on Roster. Create an account with the address the invitation was sent to, or sign in, and you will join right away."</p>
                        <div class="stack">
                            <A href=format!("/signup?next={n1}") class="btn primary block">"Create an account"</A>
                            <A href=format!("/signin?next={n2}") class="btn block">"Sign in"</A>
                        </div>
                    }.into_any(),
                    (false, None) => view! {
                        <h1>"Joining the workspace…"</h1>
                        <p class="muted" aria-busy="true">"Accepting your invitation."</p>
                    }.into_any(),
                }}
            </div>
        </main>
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
