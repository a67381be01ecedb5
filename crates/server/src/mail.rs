//! Mail delivery: every message is first written to the outbox inside the
//! transaction that caused it (so nothing accepted is lost), then, when
//! `ROSTER_SMTP_URL` is set, this worker sends it through `lettre` and marks
//! it sent, retrying failures with back-off.

use crate::state::AppState;
use crate::store::{self, outbox};
use anyhow::Context as _;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport as _, Message, Tokio1Executor};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// Messages claimed per round.
const BATCH: i64 = 10;
/// Seconds one SMTP exchange may take.
const SEND_TIMEOUT: u64 = 20;
/// How long a claimed message is reserved for the worker that claimed it:
/// longer than a whole round of sends can take.
const LEASE_SECONDS: i64 = BATCH * SEND_TIMEOUT as i64 + 60;
/// How often the worker looks for due messages when nobody wakes it.
const POLL: Duration = Duration::from_secs(5);
/// Attempts after which a message is left for an admin to look at.
pub const MAX_ATTEMPTS: i32 = 8;

/// The SMTP transport and the sender address.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    wake: Arc<Notify>,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer").field("from", &self.from).finish()
    }
}

impl Mailer {
    /// Builds the transport from an `smtp://` or `smtps://` URL (lettre's
    /// syntax: `?tls=required` for STARTTLS, credentials in the user info).
    pub fn new(url: &str, from: &str) -> anyhow::Result<Self> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .context("ROSTER_SMTP_URL is not a valid smtp:// or smtps:// URL")?
            .timeout(Some(Duration::from_secs(SEND_TIMEOUT)))
            .build();
        let from = from
            .parse()
            .context("ROSTER_MAIL_FROM is not a valid address")?;
        Ok(Self {
            transport,
            from,
            wake: Arc::new(Notify::new()),
        })
    }

    /// Asks the worker to look for new messages now (after a commit).
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    async fn send(&self, m: &outbox::PendingMessage, body: String) -> anyhow::Result<()> {
        let message = Message::builder()
            .from(self.from.clone())
            .to(m.recipient.parse().context("recipient address")?)
            .subject(&m.subject)
            .body(body)
            .context("building the message")?;
        self.transport
            .send(message)
            .await
            .context("the SMTP server refused the message")?;
        Ok(())
    }
}

/// Back-off before attempt `n + 1`: 30 s, 1 min, 2 min, … capped at one hour.
fn retry_delay(attempts: i32) -> chrono::Duration {
    let seconds = 30_i64 << attempts.clamp(0, 7);
    chrono::Duration::seconds(seconds.min(3_600))
}

/// Sends due messages until the process ends.
pub async fn deliver_forever(state: AppState, mailer: Mailer) {
    loop {
        match deliver_due(&state, &mailer).await {
            Ok(n) if n as i64 == BATCH => continue,
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %format!("{e:#}"), "mail delivery round failed"),
        }
        let _ = tokio::time::timeout(POLL, mailer.wake.notified()).await;
    }
}

/// One round: claim what is due, send it, record the outcome. Returns how
/// many messages were claimed.
pub async fn deliver_due(state: &AppState, mailer: &Mailer) -> anyhow::Result<usize> {
    let now = state.clock.now();
    let lease = store::time_text(now + chrono::Duration::seconds(LEASE_SECONDS));
    let mut tx = state.db.write().await?;
    let due = outbox::claim_due_messages(&mut tx, &store::time_text(now), &lease, BATCH).await?;
    tx.commit().await?;
    for m in &due {
        let (outcome, hopeless) = match state.sealer.open(&m.body, &m.id) {
            Ok(body) => (mailer.send(m, body).await, false),
            // Sealed under another key: no retry will open it.
            Err(e) => (Err(e), true),
        };
        let now = state.clock.now();
        let mut tx = state.db.write().await?;
        match &outcome {
            Ok(()) => outbox::mark_sent(&mut tx, &m.id, &store::time_text(now)).await?,
            Err(e) => {
                let error = format!("{e:#}");
                tracing::warn!(message = %m.id, attempt = m.attempts + 1, %error, "mail not delivered");
                let retry = if hopeless || m.attempts + 1 >= MAX_ATTEMPTS {
                    // Parked for good: the outbox shows it as failed; resending
                    // the invitation writes a new message.
                    outbox::NEVER.to_owned()
                } else {
                    store::time_text(now + retry_delay(m.attempts))
                };
                outbox::mark_failed(&mut tx, &m.id, &retry, &error).await?;
            }
        }
        tx.commit().await?;
    }
    Ok(due.len())
}

#[cfg(test)]
mod tests {
    use super::retry_delay;

    #[test]
    fn retries_back_off_and_are_capped_at_an_hour() {
        assert_eq!(retry_delay(0).num_seconds(), 30);
        assert_eq!(retry_delay(1).num_seconds(), 60);
        assert_eq!(retry_delay(6).num_seconds(), 1_920);
        assert_eq!(retry_delay(7).num_seconds(), 3_600);
        assert_eq!(retry_delay(40).num_seconds(), 3_600);
    }

    #[test]
    fn bad_settings_are_refused_at_start() {
        assert!(super::Mailer::new("http://nope", "Roster <r@x.com>").is_err());
        assert!(super::Mailer::new("smtp://127.0.0.1:2525", "not an address").is_err());
        assert!(super::Mailer::new("smtp://127.0.0.1:2525", "Roster <r@x.com>").is_ok());
    }
}
