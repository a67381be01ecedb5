//! Reading the workspace's outbox: for those who may copy invitation links,
//! since the messages hold them.

use super::Caller;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::outbox::{self, OutboxEntry};
use roster_model::{Action, authorize};

/// Seals the bodies written before sealing existed (once, at start-up), so
/// no invitation link stays in the clear. Answers how many it sealed.
pub async fn seal_old_bodies(state: &AppState) -> Result<usize, AppError> {
    let mut tx = state.db.write().await?;
    let plain = outbox::unsealed_bodies(&mut tx, crate::auth::seal::PREFIX).await?;
    for (id, body) in &plain {
        outbox::set_body(&mut tx, id, &state.sealer.seal(body, id)).await?;
    }
    tx.commit().await?;
    Ok(plain.len())
}

/// Shown for a message sealed under another secret key.
const UNREADABLE: &str = "This message cannot be shown: it was sealed with a secret key this \
     server no longer has (ROSTER_SECRET_KEY or the data folder's secret.key changed). \
     Resend the invitation for a new link.";

/// One page of messages, newest first (bodies opened).
pub async fn list(
    state: &AppState,
    caller: &Caller,
    workspace_id: &str,
    before: Option<(String, String)>,
    limit: u32,
) -> Result<Vec<OutboxEntry>, AppError> {
    let mut tx = state.db.read().await?;
    let s = super::access::standing(&mut tx, workspace_id, &caller.user_id).await?;
    authorize(&s.actor, &Action::CopyInvitationLink, &s.facts)?;
    let mut rows =
        outbox::list_workspace_outbox(&mut tx, workspace_id, before.as_ref(), limit.into()).await?;
    tx.commit().await?;
    for m in &mut rows {
        m.body = state.sealer.open(&m.body, &m.id).unwrap_or_else(|e| {
            tracing::warn!(message = %m.id, error = %format!("{e:#}"), "outbox message not opened");
            UNREADABLE.to_owned()
        });
    }
    Ok(rows)
}
