//! Sign up and sign in: fields checked on every keystroke by the model's
//! parsers once touched, server errors beside their field, a pending state,
//! then on to the last workspace (or the first-workspace screen).

use crate::api::{self, ApiError};
use crate::components::FieldError;
use crate::router::{A, use_router};
use crate::session::use_session;
use crate::state::forms;
use leptos::prelude::*;
use leptos::task::spawn_local;
use roster_api::{LoginRequest, SignupRequest};

/// One labelled input with its error line.
#[component]
fn Field(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    #[prop(into)] kind: String,
    #[prop(into)] autocomplete: String,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    #[prop(optional)] autofocus: bool,
) -> impl IntoView {
    let err_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type=kind
                autocomplete=autocomplete
                autofocus=autofocus
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=err_id.clone()
            />
            <FieldError id=err_id message=error/>
        </div>
    }
}

fn server_field(err: RwSignal<Option<ApiError>>, field: &'static str) -> Option<String> {
    err.with(|e| {
        let e = e.as_ref()?;
        e.field(field).or_else(|| match e {
            ApiError::Server(p) if forms::field_of_code(&p.code) == Some(field) => {
                Some(p.detail.clone())
            }
            _ => None,
        })
    })
}

/// `path`, carrying the after-sign-in destination along.
fn with_next(path: &str, next: Option<&str>) -> String {
    match next {
        Some(n) => format!(
            "{path}?next={}",
            String::from(js_sys::encode_uri_component(n))
        ),
        None => path.to_owned(),
    }
}

fn general_error(err: RwSignal<Option<ApiError>>) -> Option<String> {
    err.with(|e| {
        let e = e.as_ref()?;
        let placed = e.has_field_errors()
            || matches!(e, ApiError::Server(p) if forms::field_of_code(&p.code).is_some());
        (!placed).then(|| e.to_string())
    })
}

#[component]
fn AuthCard(
    #[prop(into)] title: String,
    #[prop(into)] lead: String,
    children: Children,
) -> impl IntoView {
    view! {
        <main class="auth" id="main">
            <div class="auth-card card">
                <div class="brand"><span class="brand-mark" aria-hidden="true">"R"</span>"Roster"</div>
                <h1>{title}</h1>
                <p class="muted">{lead}</p>
                {children()}
            </div>
        </main>
    }
}

/// `/signup`.
#[component]
pub fn SignUpPage() -> impl IntoView {
    let session = use_session();
    let router = use_router();
    let next = super::safe_next(router.query("next"));
    let alt = with_next("/signin", next.as_deref());
    // An invitation link passes the invited address along.
    let (name, email, password) = (
        RwSignal::new(String::new()),
        RwSignal::new(router.query("email").unwrap_or_default()),
        RwSignal::new(String::new()),
    );
    let submitted = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let server = RwSignal::new(None::<ApiError>);
    let shown = move |local: Option<String>, field: &'static str, typed: bool| {
        server_field(server, field).or(if submitted.get() || typed {
            local
        } else {
            None
        })
    };
    let name_err = Signal::derive(move || shown(forms::name_error(&name.get()), "name", false));
    let email_err = Signal::derive(move || {
        let v = email.get();
        shown(
            forms::email_error(&v),
            "email",
            v.contains('@') && v.contains('.'),
        )
    });
    let pw_err = Signal::derive(move || {
        let v = password.get();
        shown(forms::password_error(&v), "password", !v.is_empty())
    });
    crate::reactive::effect(move || {
        name.track();
        email.track();
        password.track();
        server.set(None);
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        let (n, e, p) = (
            name.get_untracked(),
            email.get_untracked(),
            password.get_untracked(),
        );
        if forms::name_error(&n).is_some()
            || forms::email_error(&e).is_some()
            || forms::password_error(&p).is_some()
        {
            return;
        }
        pending.set(true);
        let next = next.clone();
        spawn_local(async move {
            let req = SignupRequest {
                email: e,
                password: p,
                name: n.trim().to_owned(),
            };
            match api::signup(&req).await {
                Ok(_) => {
                    session.signed_in();
                    session.reload().await;
                    let to = next.clone().unwrap_or_else(|| session.home_path());
                    router.navigate(&to);
                }
                Err(err) => server.set(Some(err)),
            }
            pending.set(false);
        });
    };
    view! {
        <AuthCard title="Create your account" lead="Start managing your team's workspaces and access.">
            <form on:submit=on_submit novalidate>
                <Field id="signup-name" label="Full name" kind="text" autocomplete="name" value=name error=name_err autofocus=true/>
                <Field id="signup-email" label="Work email" kind="email" autocomplete="email" value=email error=email_err/>
                <Field id="signup-password" label="Password" kind="password" autocomplete="new-password" value=password error=pw_err/>
                {move || general_error(server).map(|m| view! { <div class="alert" role="alert">{m}</div> })}
                <button class="btn primary block" type="submit" disabled=move || pending.get() aria-busy=move || pending.get().to_string()>
                    {move || if pending.get() { "Creating account…" } else { "Create account" }}
                </button>
            </form>
            <p class="auth-alt">"Already have an account? " <A href=alt>"Sign in"</A></p>
        </AuthCard>
    }
}

/// `/signin`.
#[component]
pub fn SignInPage() -> impl IntoView {
    let session = use_session();
    let router = use_router();
    let next = super::safe_next(router.query("next"));
    let alt = with_next("/signup", next.as_deref());
    let (email, password) = (
        RwSignal::new(router.query("email").unwrap_or_default()),
        RwSignal::new(String::new()),
    );
    let submitted = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let server = RwSignal::new(None::<ApiError>);
    let email_err = Signal::derive(move || {
        server_field(server, "email").or(if submitted.get() {
            forms::email_error(&email.get())
        } else {
            None
        })
    });
    let pw_err = Signal::derive(move || {
        server_field(server, "password").or((submitted.get() && password.with(String::is_empty))
            .then(|| "Enter your password.".to_owned()))
    });
    crate::reactive::effect(move || {
        email.track();
        password.track();
        server.set(None);
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        let (e, p) = (email.get_untracked(), password.get_untracked());
        if forms::email_error(&e).is_some() || p.is_empty() {
            return;
        }
        pending.set(true);
        let next = next.clone();
        spawn_local(async move {
            match api::login(&LoginRequest {
                email: e,
                password: p,
            })
            .await
            {
                Ok(_) => {
                    session.signed_in();
                    session.reload().await;
                    let to = next.clone().unwrap_or_else(|| session.home_path());
                    router.navigate(&to);
                }
                Err(err) => server.set(Some(err)),
            }
            pending.set(false);
        });
    };
    view! {
        <AuthCard title="Sign in" lead="Welcome back. Sign in to your Roster account.">
            <form on:submit=on_submit novalidate>
                <Field id="signin-email" label="Email" kind="email" autocomplete="email" value=email error=email_err autofocus=true/>
                <Field id="signin-password" label="Password" kind="password" autocomplete="current-password" value=password error=pw_err/>
                {move || general_error(server).map(|m| view! { <div class="alert" role="alert">{m}</div> })}
                <button class="btn primary block" type="submit" disabled=move || pending.get() aria-busy=move || pending.get().to_string()>
                    {move || if pending.get() { "Signing in…" } else { "Sign in" }}
                </button>
            </form>
            <p class="auth-alt">"New to Roster? " <A href=alt>"Create an account"</A></p>
        </AuthCard>
    }
}
