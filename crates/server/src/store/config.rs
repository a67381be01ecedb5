//! Workspace configuration properties: key-value pairs the host product reads.

use super::{StoreResult, Tx, exec, fetch};

#[derive(sqlx::FromRow)]
struct ConfigRow {
    key: String,
    value: String,
}

/// Every property of a workspace, by key.
pub async fn list_config(tx: &mut Tx, workspace_id: &str) -> StoreResult<Vec<(String, String)>> {
    let rows = fetch!(
        tx,
        ConfigRow,
        fetch_all,
        "SELECT key, value FROM workspace_config WHERE workspace_id = $1 ORDER BY key",
        workspace_id,
    )?;
    Ok(rows.into_iter().map(|r| (r.key, r.value)).collect())
}

/// One property's value, if set.
pub async fn find_config(
    tx: &mut Tx,
    workspace_id: &str,
    key: &str,
) -> StoreResult<Option<String>> {
    let row = fetch!(
        tx,
        ConfigRow,
        fetch_optional,
        "SELECT key, value FROM workspace_config WHERE workspace_id = $1 AND key = $2",
        workspace_id,
        key,
    )?;
    Ok(row.map(|r| r.value))
}

/// Sets a property (insert or replace).
pub async fn upsert_config(
    tx: &mut Tx,
    workspace_id: &str,
    key: &str,
    value: &str,
) -> StoreResult<()> {
    exec!(
        tx,
        "INSERT INTO workspace_config (workspace_id, key, value) VALUES ($1, $2, $3) \
         ON CONFLICT (workspace_id, key) DO UPDATE SET value = excluded.value",
        workspace_id,
        key,
        value,
    )?;
    Ok(())
}

/// Removes a property; whether it existed.
pub async fn delete_config(tx: &mut Tx, workspace_id: &str, key: &str) -> StoreResult<bool> {
    let done = exec!(
        tx,
        "DELETE FROM workspace_config WHERE workspace_id = $1 AND key = $2",
        workspace_id,
        key,
    )?;
    Ok(done > 0)
}
