//! Use cases. Each state-changing one opens ONE transaction, reads its facts,
//! asks `roster_model::authorize`, writes, records the audit event and
//! commits (invariant 4); none of them looks at HTTP.

pub mod access;
pub mod accounts;
pub mod audit;
pub mod authorize;
pub mod invitations;
pub mod members;
pub mod outbox;
pub mod workspaces;

use crate::error::AppError;
use crate::state::AppState;
use crate::store::{self, Tx, audit::AuditEvent};
use serde_json::Value;

/// The signed-in caller and where the request came from.
#[derive(Debug, Clone)]
pub struct Caller {
    /// The user.
    pub user_id: String,
    /// Peer IP, for the audit log.
    pub ip: Option<String>,
    /// User agent, for the audit log.
    pub user_agent: Option<String>,
}

/// What changed, for the audit log.
pub(crate) struct Change<'a> {
    /// Where.
    pub workspace_id: &'a str,
    /// What, e.g. `member.role_changed`.
    pub action: &'a str,
    /// Whom or what.
    pub target: Option<&'a str>,
    /// State before (JSON).
    pub before: Option<Value>,
    /// State after (JSON).
    pub after: Option<Value>,
}

/// Records `change` in the transaction that makes it (PRODUCT.md rule 7).
pub(crate) async fn record(
    tx: &mut Tx,
    state: &AppState,
    caller: &Caller,
    change: Change<'_>,
) -> Result<(), AppError> {
    let event = AuditEvent {
        id: crate::auth::new_id("evt"),
        workspace_id: change.workspace_id.to_owned(),
        actor: Some(caller.user_id.clone()),
        action: change.action.to_owned(),
        target: change.target.map(str::to_owned),
        before: change.before.map(|v| v.to_string()),
        after: change.after.map(|v| v.to_string()),
        at: store::time_text(state.clock.now()),
        ip: caller.ip.clone(),
        user_agent: caller.user_agent.clone(),
    };
    store::audit::insert_audit_event(tx, &event).await?;
    Ok(())
}
