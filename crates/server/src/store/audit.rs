//! The audit log: one row per change, written in the transaction that made it.

use super::{StoreResult, Tx, exec};

/// One recorded change.
#[derive(Debug, Clone)]
pub struct AuditEvent {
    /// `evt_…`.
    pub id: String,
    /// Where it happened.
    pub workspace_id: String,
    /// Who did it (user id).
    pub actor: Option<String>,
    /// What, e.g. `member.role_changed`.
    pub action: String,
    /// Whom or what it was done to.
    pub target: Option<String>,
    /// JSON before.
    pub before: Option<String>,
    /// JSON after.
    pub after: Option<String>,
    /// RFC 3339.
    pub at: String,
    /// The caller's address.
    pub ip: Option<String>,
    /// The caller's user agent.
    pub user_agent: Option<String>,
}

/// Records an event.
pub async fn insert_audit_event(tx: &mut Tx, e: &AuditEvent) -> StoreResult<()> {
    exec!(
        tx,
        "INSERT INTO audit_events (id, workspace_id, actor, action, target, before, after, at, \
         ip, user_agent) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        &e.id,
        &e.workspace_id,
        &e.actor,
        &e.action,
        &e.target,
        &e.before,
        &e.after,
        &e.at,
        &e.ip,
        &e.user_agent,
    )?;
    Ok(())
}

/// How many events a workspace has (tests and the audit page's total).
pub async fn count_audit_events(tx: &mut Tx, workspace_id: &str) -> StoreResult<i64> {
    Ok(super::scalar!(
        tx,
        i64,
        fetch_one,
        "SELECT COUNT(*) FROM audit_events WHERE workspace_id = $1",
        workspace_id,
    )?)
}

#[derive(sqlx::FromRow)]
struct AuditEventRow {
    id: String,
    workspace_id: String,
    actor: Option<String>,
    action: String,
    target: Option<String>,
    before: Option<String>,
    after: Option<String>,
    at: String,
    ip: Option<String>,
    user_agent: Option<String>,
}

/// Filters and position of one audit page.
#[derive(Debug, Clone, Default)]
pub struct AuditPage {
    /// Only this action.
    pub action: Option<String>,
    /// Only this actor.
    pub actor: Option<String>,
    /// Start after this (at, id), going back in time.
    pub before: Option<(String, String)>,
    /// Rows to return.
    pub limit: u32,
}

/// A page of a workspace's events, newest first, by keyset on (at, id).
pub async fn list_audit_events(
    tx: &mut Tx,
    workspace_id: &str,
    page: &AuditPage,
) -> StoreResult<Vec<AuditEvent>> {
    let mut args = vec![workspace_id.to_owned()];
    let mut sql = "SELECT id, workspace_id, actor, action, target, before, after, at, ip, \
                   user_agent FROM audit_events WHERE workspace_id = $1"
        .to_owned();
    for (column, value) in [("action", &page.action), ("actor", &page.actor)] {
        if let Some(v) = value {
            args.push(v.clone());
            sql.push_str(&format!(" AND {column} = ${}", args.len()));
        }
    }
    if let Some((at, id)) = &page.before {
        args.push(at.clone());
        args.push(id.clone());
        let n = args.len();
        sql.push_str(&format!(" AND (at, id) < (${}, ${n})", n - 1));
    }
    sql.push_str(&format!(" ORDER BY at DESC, id DESC LIMIT {}", page.limit));
    let rows = match tx {
        Tx::Sqlite(t) => {
            let mut q = sqlx::query_as::<_, AuditEventRow>(&sql);
            for a in &args {
                q = q.bind(a);
            }
            q.fetch_all(&mut **t).await?
        }
        Tx::Postgres(t) => {
            let mut q = sqlx::query_as::<_, AuditEventRow>(&sql);
            for a in &args {
                q = q.bind(a);
            }
            q.fetch_all(&mut **t).await?
        }
    };
    Ok(rows
        .into_iter()
        .map(|r| AuditEvent {
            id: r.id,
            workspace_id: r.workspace_id,
            actor: r.actor,
            action: r.action,
            target: r.target,
            before: r.before,
            after: r.after,
            at: r.at,
            ip: r.ip,
            user_agent: r.user_agent,
        })
        .collect())
}
