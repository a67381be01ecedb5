//! The local outbox: mail Roster would have sent, kept when no SMTP server
//! is configured so the embedded default works without one.

use super::{StoreResult, Tx, exec, scalar};

/// A message to deliver.
#[derive(Debug, Clone)]
pub struct OutboxMessage {
    /// `msg_…`.
    pub id: String,
    /// The workspace it concerns.
    pub workspace_id: Option<String>,
    /// Recipient address.
    pub recipient: String,
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
    /// RFC 3339.
    pub created_at: String,
}

/// Keeps a message.
pub async fn insert_outbox_message(tx: &mut Tx, m: &OutboxMessage) -> StoreResult<()> {
    exec!(
        tx,
        "INSERT INTO outbox (id, workspace_id, recipient, subject, body, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
        &m.id,
        &m.workspace_id,
        &m.recipient,
        &m.subject,
        &m.body,
        &m.created_at,
    )?;
    Ok(())
}

/// Bodies of the messages to `recipient`, oldest first (tests and the admin view).
pub async fn list_outbox_bodies(tx: &mut Tx, recipient: &str) -> StoreResult<Vec<String>> {
    Ok(scalar!(
        tx,
        String,
        fetch_all,
        "SELECT body FROM outbox WHERE recipient = $1 ORDER BY created_at, id",
        recipient,
    )?)
}
