//! Reading the audit log (admins and owners, by `roster_model::authorize`).

use super::Caller;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::audit::{self, AuditEvent, AuditPage};
use futures_util::Stream;
use roster_model::{Action, authorize};

/// Rows read per transaction while exporting.
const EXPORT_CHUNK: u32 = 1_000;

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

/// Every event matching `filter`, newest first, in chunks. The caller is
/// authorized before the first byte; each chunk is read in its own short
/// transaction by keyset, so a long download never holds the database and
/// its cost per chunk does not grow with the log's size.
pub async fn export(
    state: &AppState,
    caller: &Caller,
    workspace_id: &str,
    filter: AuditPage,
) -> Result<impl Stream<Item = Result<Vec<AuditEvent>, AppError>> + use<>, AppError> {
    let mut tx = state.db.read().await?;
    let s = super::access::standing(&mut tx, workspace_id, &caller.user_id).await?;
    authorize(&s.actor, &Action::ReadAudit, &s.facts)?;
    tx.commit().await?;
    let start = AuditPage {
        limit: EXPORT_CHUNK,
        ..filter
    };
    let init = (state.clone(), workspace_id.to_owned(), Some(start));
    Ok(futures_util::stream::unfold(
        init,
        |(state, ws, page)| async move {
            let page = page?;
            let chunk = async {
                let mut tx = state.db.read().await?;
                let events = audit::list_audit_events(&mut tx, &ws, &page).await?;
                tx.commit().await?;
                Ok::<_, AppError>(events)
            }
            .await;
            let next = match &chunk {
                Ok(events) if events.len() == page.limit as usize => {
                    let last = events.last().map(|e| (e.at.clone(), e.id.clone()));
                    Some(AuditPage {
                        before: last,
                        ..page
                    })
                }
                _ => None,
            };
            Some((chunk, (state, ws, next)))
        },
    ))
}
