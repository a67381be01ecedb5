//! User accounts: one row per person, email unique regardless of case.

use super::{StoreResult, Tx, exec, fetch};

/// A user account as the server uses it.
#[derive(Debug, Clone)]
pub struct User {
    /// `usr_…`.
    pub id: String,
    /// Normalised (lower-case) email.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Avatar image address.
    pub avatar_url: Option<String>,
    /// Argon2id PHC string; `None` for SSO-only accounts.
    pub password_hash: Option<String>,
    /// `active`, `deactivated` or `deleted`.
    pub status: String,
    /// The workspace last switched to.
    pub last_workspace_id: Option<String>,
}

#[derive(sqlx::FromRow)]
struct UserRow {
    id: String,
    email: String,
    name: String,
    avatar_url: Option<String>,
    password_hash: Option<String>,
    status: String,
    last_workspace_id: Option<String>,
}

impl From<UserRow> for User {
    fn from(r: UserRow) -> Self {
        Self {
            id: r.id,
            email: r.email,
            name: r.name,
            avatar_url: r.avatar_url,
            password_hash: r.password_hash,
            status: r.status,
            last_workspace_id: r.last_workspace_id,
        }
    }
}

const COLUMNS: &str = "id, email, name, avatar_url, password_hash, status, last_workspace_id";

/// Adds an account; `StoreError::Unique` when the email is taken.
pub async fn insert_user(tx: &mut Tx, user: &User, created_at: &str) -> StoreResult<()> {
    exec!(
        tx,
        "INSERT INTO users (id, email, name, avatar_url, password_hash, status, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        &user.id,
        &user.email,
        &user.name,
        &user.avatar_url,
        &user.password_hash,
        &user.status,
        created_at,
    )?;
    Ok(())
}

/// The account with this email (any case), if any.
pub async fn find_user_by_email(tx: &mut Tx, email: &str) -> StoreResult<Option<User>> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE lower(email) = lower($1)");
    Ok(fetch!(tx, UserRow, fetch_optional, &sql, email)?.map(User::from))
}

/// The account with this id, if any.
pub async fn find_user(tx: &mut Tx, id: &str) -> StoreResult<Option<User>> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE id = $1");
    Ok(fetch!(tx, UserRow, fetch_optional, &sql, id)?.map(User::from))
}

/// Remembers the workspace the user switched to.
pub async fn update_last_workspace(
    tx: &mut Tx,
    user_id: &str,
    workspace_id: Option<&str>,
) -> StoreResult<()> {
    exec!(
        tx,
        "UPDATE users SET last_workspace_id = $1 WHERE id = $2",
        workspace_id,
        user_id,
    )?;
    Ok(())
}

/// Forgets the remembered workspace if it is `workspace_id` (after leaving it).
pub async fn clear_last_workspace(
    tx: &mut Tx,
    user_id: &str,
    workspace_id: &str,
) -> StoreResult<()> {
    exec!(
        tx,
        "UPDATE users SET last_workspace_id = NULL WHERE id = $1 AND last_workspace_id = $2",
        user_id,
        workspace_id,
    )?;
    Ok(())
}
