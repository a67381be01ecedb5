//! Bulk inserts for demo data and benchmarks: many rows per statement, so
//! 100,000 members load in one transaction in seconds. Same SQL on both
//! databases but for pausing the members' trigram lists (`insert_members`);
//! chunks stay under SQLite's and PostgreSQL's bind limits.

use super::{Db, Dialect, StoreError, StoreResult, Tx};
use super::{audit::AuditEvent, invitations::Invitation, members::MemberRecord, users::User};

/// Rows per statement: 200 rows × at most 12 columns stays far below both
/// databases' limits on bound parameters.
const CHUNK: usize = 200;

/// Inserts `rows` (each `columns.len()` values) into `table`, in chunks.
async fn insert_rows(
    tx: &mut Tx,
    table: &str,
    columns: &[&str],
    rows: Vec<Vec<Option<String>>>,
) -> StoreResult<()> {
    let width = columns.len();
    for chunk in rows.chunks(CHUNK) {
        let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
        for (r, _) in chunk.iter().enumerate() {
            if r > 0 {
                sql.push_str(", ");
            }
            sql.push('(');
            for c in 0..width {
                if c > 0 {
                    sql.push_str(", ");
                }
                // SQLite gets anonymous `?`: with `$n` the driver looks each
                // name up in a list, which is quadratic in a long statement.
                match tx {
                    Tx::Sqlite(_) => sql.push('?'),
                    Tx::Postgres(_) => sql.push_str(&format!("${}", r * width + c + 1)),
                }
            }
            sql.push(')');
        }
        match tx {
            Tx::Sqlite(t) => {
                let mut q = sqlx::query(&sql);
                for v in chunk.iter().flatten() {
                    q = q.bind(v.as_deref());
                }
                q.execute(&mut **t).await?;
            }
            Tx::Postgres(t) => {
                let mut q = sqlx::query(&sql);
                for v in chunk.iter().flatten() {
                    q = q.bind(v.as_deref());
                }
                q.execute(&mut **t).await?;
            }
        }
    }
    Ok(())
}

/// Adds many accounts created at `created_at`.
pub async fn insert_users(tx: &mut Tx, users: &[User], created_at: &str) -> StoreResult<()> {
    let rows = users
        .iter()
        .map(|u| {
            vec![
                Some(u.id.clone()),
                Some(u.email.clone()),
                Some(u.name.clone()),
                u.avatar_url.clone(),
                u.password_hash.clone(),
                Some(u.status.clone()),
                Some(created_at.to_owned()),
            ]
        })
        .collect();
    insert_rows(
        tx,
        "users",
        &[
            "id",
            "email",
            "name",
            "avatar_url",
            "password_hash",
            "status",
            "created_at",
        ],
        rows,
    )
    .await
}

/// Adds many members. Their trigram lists (`member_grams`) are built after
/// them in one sorted pass, instead of row by row by the trigger, which
/// scatters its inserts over the lists (seeding 100,000 members on SQLite:
/// 27.3 s with the trigger, 16.6 s so). The pass rebuilds the lists of each
/// workspace the members join (what is there already stays), so it suits a
/// new workspace, as seeding makes. The trigger is back on when this
/// returns, whatever happened.
pub async fn insert_members(tx: &mut Tx, members: &[MemberRecord]) -> StoreResult<()> {
    let trigger = pause_grams(tx).await?;
    let loaded = load_members(tx, members).await;
    let resumed = resume_grams(tx, trigger).await;
    loaded.and(resumed)
}

async fn load_members(tx: &mut Tx, members: &[MemberRecord]) -> StoreResult<()> {
    insert_member_rows(tx, members).await?;
    let mut workspaces: Vec<&str> = members.iter().map(|m| m.workspace_id.as_str()).collect();
    workspaces.sort_unstable();
    workspaces.dedup();
    let workspaces = serde_json::to_string(&workspaces)
        .map_err(|e| StoreError::Db(sqlx::Error::Encode(e.into())))?;
    // The same rows on both databases (migration 0008's view), in key
    // order; only reading a JSON list differs.
    let listed = match tx.dialect() {
        Dialect::Sqlite => "SELECT value FROM json_each($1)",
        Dialect::Postgres => "SELECT json_array_elements_text($1::json)",
    };
    let sql = format!(
        "INSERT INTO member_grams (workspace_id, member_status, gram, member_name, member_id) \
         SELECT workspace_id, member_status, gram, member_name, member_id FROM member_gram_rows \
         WHERE workspace_id IN ({listed}) ORDER BY 1, 2, 3, 4, 5 ON CONFLICT DO NOTHING"
    );
    super::exec!(&mut *tx, &sql, &workspaces)?;
    Ok(())
}

/// Stops the trigger that keeps `member_grams` for inserted members, until
/// [`resume_grams`] in the same transaction. SQLite has no switch for a
/// trigger: it is dropped, and its text kept to create it again (should the
/// transaction roll back, the drop does too). PostgreSQL's trigger skips
/// its work while the transaction-local setting `roster.bulk_load` is on:
/// no lock, and no other transaction sees it.
async fn pause_grams(tx: &mut Tx) -> StoreResult<Option<String>> {
    match tx.dialect() {
        Dialect::Sqlite => {
            let sql = super::scalar!(
                &mut *tx,
                String,
                fetch_one,
                "SELECT sql FROM sqlite_schema WHERE type = 'trigger' \
                 AND name = 'member_grams_insert'"
            )?;
            super::exec!(&mut *tx, "DROP TRIGGER member_grams_insert")?;
            Ok(Some(sql))
        }
        Dialect::Postgres => {
            super::exec!(
                &mut *tx,
                "SELECT set_config('roster.bulk_load', 'on', true)"
            )?;
            Ok(None)
        }
    }
}

/// Puts back what [`pause_grams`] stopped.
async fn resume_grams(tx: &mut Tx, trigger: Option<String>) -> StoreResult<()> {
    match trigger {
        Some(sql) => super::exec!(&mut *tx, &sql)?,
        None => super::exec!(
            &mut *tx,
            "SELECT set_config('roster.bulk_load', 'off', true)"
        )?,
    };
    Ok(())
}

async fn insert_member_rows(tx: &mut Tx, members: &[MemberRecord]) -> StoreResult<()> {
    let rows = members
        .iter()
        .map(|m| {
            vec![
                Some(m.id.clone()),
                Some(m.workspace_id.clone()),
                m.user_id.clone(),
                m.api_key_id.clone(),
                Some(m.name.clone()),
                Some(m.email.clone()),
                Some(m.role.clone()),
                Some(m.status.clone()),
                Some(m.feature_access.clone()),
                Some(m.resource_access.clone()),
                Some(m.joined_at.clone()),
                m.invited_by.clone(),
            ]
        })
        .collect();
    insert_rows(
        tx,
        "members",
        &[
            "id",
            "workspace_id",
            "user_id",
            "api_key_id",
            "name",
            "email",
            "role",
            "status",
            "feature_access",
            "resource_access",
            "joined_at",
            "invited_by",
        ],
        rows,
    )
    .await
}

/// Adds many invitations.
pub async fn insert_invitations(tx: &mut Tx, invitations: &[Invitation]) -> StoreResult<()> {
    let rows = invitations
        .iter()
        .map(|i| {
            vec![
                Some(i.id.clone()),
                Some(i.workspace_id.clone()),
                Some(i.member_id.clone()),
                Some(i.email.clone()),
                Some(i.role.clone()),
                Some(i.token_hash.clone()),
                Some(i.status.clone()),
                Some(i.expires_at.clone()),
                i.invited_by.clone(),
                Some(i.created_at.clone()),
            ]
        })
        .collect();
    insert_rows(
        tx,
        "invitations",
        &[
            "id",
            "workspace_id",
            "member_id",
            "email",
            "role",
            "token_hash",
            "status",
            "expires_at",
            "invited_by",
            "created_at",
        ],
        rows,
    )
    .await
}

/// Records many audit events.
pub async fn insert_audit_events(tx: &mut Tx, events: &[AuditEvent]) -> StoreResult<()> {
    let rows = events
        .iter()
        .map(|e| {
            vec![
                Some(e.id.clone()),
                Some(e.workspace_id.clone()),
                e.actor.clone(),
                Some(e.action.clone()),
                e.target.clone(),
                e.before.clone(),
                e.after.clone(),
                Some(e.at.clone()),
                e.ip.clone(),
                e.user_agent.clone(),
            ]
        })
        .collect();
    insert_rows(
        tx,
        "audit_events",
        &[
            "id",
            "workspace_id",
            "actor",
            "action",
            "target",
            "before",
            "after",
            "at",
            "ip",
            "user_agent",
        ],
        rows,
    )
    .await
}

/// The live workspace with this exact name, if any (the seed's idempotence).
pub async fn find_workspace_id_by_name(tx: &mut Tx, name: &str) -> StoreResult<Option<String>> {
    Ok(super::scalar!(
        tx,
        String,
        fetch_optional,
        "SELECT id FROM workspaces WHERE name = $1 AND status <> 'deleted' ORDER BY created_at \
         LIMIT 1",
        name,
    )?)
}

/// Gives this connection's page cache room for a large load (SQLite: 256
/// MiB instead of 2 MiB, so random-id index inserts do not spill to the WAL
/// over and over); [`end_bulk_load`] puts it back. PostgreSQL needs nothing.
pub async fn begin_bulk_load(tx: &mut Tx) -> StoreResult<()> {
    if let Tx::Sqlite(t) = tx {
        sqlx::query("PRAGMA cache_size = -262144")
            .execute(&mut **t)
            .await?;
    }
    Ok(())
}

/// Restores SQLite's default page cache after [`begin_bulk_load`].
pub async fn end_bulk_load(tx: &mut Tx) -> StoreResult<()> {
    if let Tx::Sqlite(t) = tx {
        sqlx::query("PRAGMA cache_size = -2000")
            .execute(&mut **t)
            .await?;
    }
    Ok(())
}

/// Refreshes the planner's statistics after a bulk load, so that the first
/// queries on a freshly seeded million-row table use its indexes (PostgreSQL
/// otherwise plans from the empty table's estimates until autovacuum runs).
///
/// PostgreSQL also vacuums, on a connection outside any transaction (VACUUM
/// refuses one): the new rows get their visibility-map and hint bits now,
/// instead of from an autovacuum that starts a minute later and competes
/// with the first requests for the CPU.
///
/// SQLite keeps only the per-index summary (`sqlite_stat1`), in one
/// transaction so a running server never sees half of it: with STAT4
/// samples present, every statement that binds a value on an indexed column
/// is compiled again on each execution to re-plan for that value, which cost
/// a fifth of the server's time on the team-table page.
pub async fn refresh_statistics(db: &Db) -> StoreResult<()> {
    if db.dialect() == Dialect::Postgres {
        let mut conn = db.read().await?;
        super::exec!(
            &mut conn,
            "VACUUM (ANALYZE) users, members, member_grams, invitations, audit_events"
        )?;
        return conn.commit().await;
    }
    let mut tx = db.write().await?;
    super::exec!(&mut tx, "ANALYZE")?;
    let stat4 = super::scalar!(
        &mut tx,
        i64,
        fetch_one,
        "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name = 'sqlite_stat4'"
    )?;
    if stat4 > 0 {
        super::exec!(&mut tx, "DELETE FROM sqlite_stat4")?;
    }
    tx.commit().await
}
