//! The local outbox: mail Roster would have sent, kept when no SMTP server
//! is configured so the embedded default works without one.

use super::{StoreResult, Tx, exec, fetch};

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
    /// Written while no SMTP server was configured: kept for admins to read,
    /// never sent later (a message may be stale by the time SMTP is set up).
    pub held: bool,
}

/// `next_attempt_at` of a message that no worker will pick up: held (never
/// to be sent) or parked (given up after repeated failures).
pub const NEVER: &str = "9999-12-31T00:00:00.000000Z";

/// Keeps a message.
pub async fn insert_outbox_message(tx: &mut Tx, m: &OutboxMessage) -> StoreResult<()> {
    exec!(
        tx,
        "INSERT INTO outbox (id, workspace_id, recipient, subject, body, created_at, \
         next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        &m.id,
        &m.workspace_id,
        &m.recipient,
        &m.subject,
        &m.body,
        &m.created_at,
        m.held.then_some(NEVER),
    )?;
    Ok(())
}

/// Ids and stored (sealed) bodies of the messages to `recipient`, oldest
/// first (tests).
pub async fn list_outbox_bodies(
    tx: &mut Tx,
    recipient: &str,
) -> StoreResult<Vec<(String, String)>> {
    Ok(fetch!(
        tx,
        (String, String),
        fetch_all,
        "SELECT id, body FROM outbox WHERE recipient = $1 ORDER BY created_at, id",
        recipient,
    )?)
}

/// Messages whose body is not sealed yet (written before sealing existed).
pub async fn unsealed_bodies(tx: &mut Tx, prefix: &str) -> StoreResult<Vec<(String, String)>> {
    let pattern = format!("{prefix}%");
    Ok(fetch!(
        tx,
        (String, String),
        fetch_all,
        "SELECT id, body FROM outbox WHERE body NOT LIKE $1",
        &pattern,
    )?)
}

/// Replaces a message's stored body.
pub async fn set_body(tx: &mut Tx, id: &str, body: &str) -> StoreResult<()> {
    exec!(tx, "UPDATE outbox SET body = $1 WHERE id = $2", body, id)?;
    Ok(())
}

/// A message waiting for SMTP delivery.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PendingMessage {
    /// `msg_…`.
    pub id: String,
    /// Recipient address.
    pub recipient: String,
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
    /// Delivery attempts so far.
    pub attempts: i32,
}

/// Claims up to `limit` unsent messages that are due at `now`, oldest first,
/// leasing each until `lease_until` so that a second worker (another server
/// on the same PostgreSQL) does not send it again while this one tries.
pub async fn claim_due_messages(
    tx: &mut Tx,
    now: &str,
    lease_until: &str,
    limit: i64,
) -> StoreResult<Vec<PendingMessage>> {
    // SQLite's write transaction already holds the database's write lock;
    // on PostgreSQL, rows another worker is claiming right now are skipped.
    const DUE: &str = "SELECT id, recipient, subject, body, attempts FROM outbox \
         WHERE sent_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= $1) \
         ORDER BY created_at, id LIMIT $2";
    let due = match tx {
        Tx::Sqlite(_) => super::fetch!(tx, PendingMessage, fetch_all, DUE, now, limit)?,
        Tx::Postgres(_) => {
            let sql = format!("{DUE} FOR UPDATE SKIP LOCKED");
            super::fetch!(tx, PendingMessage, fetch_all, &sql, now, limit)?
        }
    };
    for m in &due {
        exec!(
            tx,
            "UPDATE outbox SET next_attempt_at = $1 WHERE id = $2",
            lease_until,
            &m.id,
        )?;
    }
    Ok(due)
}

/// Marks a message delivered.
pub async fn mark_sent(tx: &mut Tx, id: &str, now: &str) -> StoreResult<()> {
    exec!(
        tx,
        "UPDATE outbox SET sent_at = $1, attempts = attempts + 1, last_error = NULL \
         WHERE id = $2",
        now,
        id,
    )?;
    Ok(())
}

/// Records a failed attempt and when to try again.
pub async fn mark_failed(tx: &mut Tx, id: &str, retry_at: &str, error: &str) -> StoreResult<()> {
    exec!(
        tx,
        "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $1, last_error = $2 \
         WHERE id = $3",
        retry_at,
        error,
        id,
    )?;
    Ok(())
}

/// One message as an admin sees it in the outbox.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OutboxEntry {
    /// `msg_…`.
    pub id: String,
    /// Recipient address.
    pub recipient: String,
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
    /// RFC 3339.
    pub created_at: String,
    /// When SMTP accepted it.
    pub sent_at: Option<String>,
    /// Delivery attempts.
    pub attempts: i32,
    /// The last delivery error.
    pub last_error: Option<String>,
    /// When a worker may try next ([`NEVER`] for held and parked messages).
    pub next_attempt_at: Option<String>,
}

impl OutboxEntry {
    /// `held`, `queued`, `sent` or `failed`, from the stored state alone.
    pub fn delivery(&self) -> &'static str {
        let never = self.next_attempt_at.as_deref() == Some(NEVER);
        match (&self.sent_at, never, self.attempts) {
            (Some(_), _, _) => "sent",
            (None, true, 0) => "held",
            (None, true, _) => "failed",
            (None, false, _) => "queued",
        }
    }
}

/// A page of a workspace's messages, newest first, by keyset on (created_at, id).
pub async fn list_workspace_outbox(
    tx: &mut Tx,
    workspace_id: &str,
    before: Option<&(String, String)>,
    limit: i64,
) -> StoreResult<Vec<OutboxEntry>> {
    const COLUMNS: &str = "SELECT id, recipient, subject, body, created_at, sent_at, attempts, \
                           last_error, next_attempt_at FROM outbox WHERE workspace_id = $1";
    Ok(match before {
        None => {
            let sql = format!("{COLUMNS} ORDER BY created_at DESC, id DESC LIMIT $2");
            super::fetch!(tx, OutboxEntry, fetch_all, &sql, workspace_id, limit)?
        }
        Some((at, id)) => {
            let sql = format!(
                "{COLUMNS} AND (created_at, id) < ($2, $3) ORDER BY created_at DESC, id DESC LIMIT $4"
            );
            super::fetch!(
                tx,
                OutboxEntry,
                fetch_all,
                &sql,
                workspace_id,
                at,
                id,
                limit
            )?
        }
    })
}
