//! Reading the workspace's outbox: for those who may copy invitation links,
//! since the messages hold them.

use super::Caller;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::outbox::{self, OutboxEntry};
use roster_model::{Action, authorize};

/// One page of messages, newest first.
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
    let rows =
        outbox::list_workspace_outbox(&mut tx, workspace_id, before.as_ref(), limit.into()).await?;
    tx.commit().await?;
    Ok(rows)
}
