//! Reading the audit log (admins and owners, by `roster_model::authorize`).

use super::Caller;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::audit::{self, AuditEvent, AuditPage};
use roster_model::{Action, authorize};

/// One page of events, newest first.
pub async fn list(
    state: &AppState,
    caller: &Caller,
    workspace_id: &str,
    page: &AuditPage,
) -> Result<Vec<AuditEvent>, AppError> {
    let mut tx = state.db.read().await?;
    let s = super::access::standing(&mut tx, workspace_id, &caller.user_id).await?;
    authorize(&s.actor, &Action::ReadAudit, &s.facts)?;
    let events = audit::list_audit_events(&mut tx, workspace_id, page).await?;
    tx.commit().await?;
    Ok(events)
}
