//! Sessions: only the SHA-256 hash of a session token is stored, next to the
//! CSRF token the browser must echo on unsafe requests.

use super::{StoreResult, Tx, exec, fetch};

/// A live session.
#[derive(Debug, Clone)]
pub struct Session {
    /// Whose session.
    pub user_id: String,
    /// The token to echo in `X-CSRF-Token`.
    pub csrf_token: String,
    /// RFC 3339 expiry.
    pub expires_at: String,
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    user_id: String,
    csrf_token: String,
    expires_at: String,
}

/// Stores a new session.
pub async fn insert_session(
    tx: &mut Tx,
    token_hash: &str,
    session: &Session,
    created_at: &str,
) -> StoreResult<()> {
    exec!(
        tx,
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
        token_hash,
        &session.user_id,
        &session.csrf_token,
        created_at,
        &session.expires_at,
    )?;
    Ok(())
}

/// The session whose token hashes to `token_hash`, if it exists.
pub async fn find_session(tx: &mut Tx, token_hash: &str) -> StoreResult<Option<Session>> {
    let row = fetch!(
        tx,
        SessionRow,
        fetch_optional,
        "SELECT user_id, csrf_token, expires_at FROM sessions WHERE token_hash = $1",
        token_hash,
    )?;
    Ok(row.map(|r| Session {
        user_id: r.user_id,
        csrf_token: r.csrf_token,
        expires_at: r.expires_at,
    }))
}

/// Ends a session.
pub async fn delete_session(tx: &mut Tx, token_hash: &str) -> StoreResult<()> {
    exec!(tx, "DELETE FROM sessions WHERE token_hash = $1", token_hash)?;
    Ok(())
}
