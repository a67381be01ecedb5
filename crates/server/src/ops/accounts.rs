//! Accounts: sign-up, log-in, log-out, the session lookup behind every
//! authenticated request, `GET /me` and the remembered workspace.

use super::Caller;
use crate::error::AppError;
use crate::http::session::{RequestMeta, SESSION_DAYS};
use crate::state::AppState;
use crate::store::sessions::{self, Session};
use crate::store::users::{self, User};
use crate::store::workspaces::{self, MyWorkspace};
use crate::store::{self, StoreError, Tx};
use roster_api::{FieldError, LoginRequest, Problem, SignupRequest};
use roster_model::Email;

/// The shortest password accepted, in characters.
pub const MIN_PASSWORD: usize = 8;
/// The longest password accepted, in characters (bounds the hashing work).
pub const MAX_PASSWORD: usize = 1024;
/// The longest display name, in characters.
pub const MAX_NAME: usize = 100;

/// A session just opened: the token for the cookie and the CSRF token.
#[derive(Debug)]
pub struct NewSession {
    /// Goes in the cookie only; the database keeps its hash.
    pub token: String,
    /// Echoed by the client on unsafe requests.
    pub csrf_token: String,
}

/// What `GET /me` shows.
#[derive(Debug)]
pub struct Me {
    /// The user.
    pub user: User,
    /// Their workspaces with role and status.
    pub workspaces: Vec<MyWorkspace>,
    /// Invitations waiting for their answer.
    pub pending_invitations: Vec<crate::store::invitations::Invitation>,
}

fn validate_signup(req: &SignupRequest) -> Result<(Email, String), AppError> {
    let mut errors = Vec::new();
    let mut push = |field: &str, message: String| {
        errors.push(FieldError {
            field: field.to_owned(),
            message,
        });
    };
    let email = Email::parse(&req.email)
        .map_err(|e| push("email", e.to_string()))
        .ok();
    if req.password.chars().count() < MIN_PASSWORD {
        push(
            "password",
            format!("Use at least {MIN_PASSWORD} characters."),
        );
    } else if req.password.chars().count() > MAX_PASSWORD {
        push(
            "password",
            format!("Use at most {MAX_PASSWORD} characters."),
        );
    }
    let name = req.name.trim().to_owned();
    if name.is_empty() {
        push("name", "Enter your name.".to_owned());
    } else if name.chars().count() > MAX_NAME || name.chars().any(char::is_control) {
        push(
            "name",
            format!("Use at most {MAX_NAME} characters, without line breaks."),
        );
    }
    match (email, errors.is_empty()) {
        (Some(email), true) => Ok((email, name)),
        _ => Err(AppError::Validation(errors)),
    }
}

async fn open_session(
    tx: &mut Tx,
    state: &AppState,
    user_id: &str,
) -> Result<NewSession, AppError> {
    let now = state.clock.now();
    let token = crate::auth::new_token();
    let csrf_token = csrf_token_for(&token);
    let session = Session {
        user_id: user_id.to_owned(),
        // Only a hash: a copy of the database holds no token a browser sends.
        csrf_token: crate::auth::hash_token(&csrf_token),
        expires_at: store::time_text(now + chrono::Duration::days(SESSION_DAYS)),
    };
    sessions::insert_session(
        tx,
        &crate::auth::hash_token(&token),
        &session,
        &store::time_text(now),
    )
    .await?;
    Ok(NewSession { token, csrf_token })
}

/// The CSRF token of the session whose cookie holds `session_token`: derived
/// from it (SHA-256 with a label, so it reveals nothing of the cookie), so the
/// database needs to keep neither in the clear.
pub fn csrf_token_for(session_token: &str) -> String {
    crate::auth::hash_token(&format!("roster-csrf:{session_token}"))
}

/// Creates an account and signs it in.
pub async fn sign_up(
    state: &AppState,
    req: SignupRequest,
    ip: Option<&str>,
) -> Result<(User, NewSession), AppError> {
    let (email, name) = validate_signup(&req)?;
    // Before the (deliberately slow) password hash: the budget guards it too.
    state
        .signups
        .take(ip.unwrap_or("-"), 1, state.clock.now())
        .map_err(AppError::RateLimited)?;
    let hash = state.passwords.hash(req.password).await?;
    let user = User {
        id: crate::auth::new_id("usr"),
        email: email.as_str().to_owned(),
        name,
        avatar_url: None,
        password_hash: Some(hash),
        status: "active".to_owned(),
        last_workspace_id: None,
    };
    let mut tx = state.db.write().await?;
    let now = store::time_text(state.clock.now());
    match users::insert_user(&mut tx, &user, &now).await {
        Err(StoreError::Unique) => {
            return Err(AppError::conflict(
                "email_taken",
                "An account with this email already exists. Log in instead.",
            ));
        }
        other => other?,
    }
    let session = open_session(&mut tx, state, &user.id).await?;
    tx.commit().await?;
    Ok((user, session))
}

fn wrong_pair() -> AppError {
    AppError::Problem(Box::new(Problem::new(
        401,
        "invalid_credentials",
        "Not signed in",
        "The email or password is not right.",
    )))
}

/// Checks an email and password and opens a session.
pub async fn log_in(
    state: &AppState,
    meta: &RequestMeta,
    req: LoginRequest,
) -> Result<(User, NewSession), AppError> {
    let email = req.email.trim().to_lowercase();
    let key = format!("{}|{email}", meta.ip.as_deref().unwrap_or("-"));
    let now = state.clock.now();
    state
        .login_limiter
        .check(&key, now)
        .map_err(AppError::RateLimited)?;
    let mut tx = state.db.read().await?;
    let user = users::find_user_by_email(&mut tx, &email)
        .await?
        .filter(|u| u.status == "active");
    tx.commit().await?;
    let phc = user.as_ref().and_then(|u| u.password_hash.clone());
    let ok = state.passwords.verify(req.password, phc).await?;
    let Some(user) = user.filter(|_| ok) else {
        state.login_limiter.fail(&key, now);
        return Err(wrong_pair());
    };
    state.login_limiter.succeed(&key);
    let mut tx = state.db.write().await?;
    let session = open_session(&mut tx, state, &user.id).await?;
    tx.commit().await?;
    Ok((user, session))
}

/// Ends the session with this token.
pub async fn log_out(state: &AppState, token: &str) -> Result<(), AppError> {
    let hash = crate::auth::hash_token(token);
    // Forgotten before the delete too: if this request is cancelled during
    // the commit, the copy cached before it is gone already. The forget after
    // the commit drops what a racing request read meanwhile.
    state.sessions.forget(&hash);
    let mut tx = state.db.write().await?;
    sessions::delete_session(&mut tx, &hash).await?;
    tx.commit().await?;
    state.sessions.forget(&hash);
    Ok(())
}

/// The live session behind a cookie token, if any (a copy is trusted for at
/// most a second, and read again by one request once half a second old: see
/// [`crate::auth::session_cache`]).
pub async fn authenticate(state: &AppState, token: &str) -> Result<Option<Session>, AppError> {
    let hash = crate::auth::hash_token(token);
    let now = state.clock.now();
    let session = match state.sessions.get(&hash, now) {
        Some(s) => Some(s),
        None => {
            let generation = state.sessions.generation();
            let mut tx = state.db.read().await?;
            let found = sessions::find_session(&mut tx, &hash).await?;
            tx.commit().await?;
            match &found {
                Some(s) => state.sessions.put(hash, s.clone(), now, generation),
                None => state.sessions.drop_stale(&hash),
            }
            found
        }
    };
    match session {
        Some(s) if store::parse_time(&s.expires_at)? > now => Ok(Some(s)),
        _ => Ok(None),
    }
}

/// The signed-in user and their workspaces.
pub async fn me(state: &AppState, caller: &Caller) -> Result<Me, AppError> {
    let mut tx = state.db.read().await?;
    let user = users::find_user(&mut tx, &caller.user_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let workspaces = workspaces::list_workspaces_of_user(&mut tx, &caller.user_id).await?;
    tx.commit().await?;
    let pending_invitations = super::invitations::pending_for(state, caller).await?;
    Ok(Me {
        user,
        workspaces,
        pending_invitations,
    })
}

/// Remembers the workspace the caller switched to; it must be one of theirs.
pub async fn set_last_workspace(
    state: &AppState,
    caller: &Caller,
    workspace_id: &str,
) -> Result<(), AppError> {
    let mut tx = state.db.write().await?;
    let (actor, facts) = super::access::load(&mut tx, workspace_id, &caller.user_id).await?;
    roster_model::authorize(&actor, &roster_model::Action::ReadWorkspace, &facts)?;
    users::update_last_workspace(&mut tx, &caller.user_id, Some(workspace_id)).await?;
    tx.commit().await?;
    Ok(())
}
