//! The workspace's outbox: the mail Roster sent or holds (without SMTP it is
//! the only place an invitation email can be read).

use serde::{Deserialize, Serialize};

/// One message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutboxMessageResponse {
    /// Message id.
    pub id: String,
    /// Recipient address.
    pub recipient: String,
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
    /// RFC 3339, when it was written.
    pub created_at: String,
    /// `held` (no SMTP configured), `queued`, `sent` or `failed` (gave up
    /// after repeated errors).
    pub delivery: String,
    /// RFC 3339, when the SMTP server accepted it.
    pub sent_at: Option<String>,
    /// Delivery attempts so far.
    pub attempts: u32,
    /// The last delivery error, when there was one.
    pub last_error: Option<String>,
}
