//! Workspaces: settings rows. A deleted workspace keeps its row (and its
//! audit trail) with status `deleted`, and no query here returns it.

use super::{StoreResult, Tx, exec, fetch};

/// A workspace's settings.
#[derive(Debug, Clone)]
pub struct Workspace {
    /// `ws_…`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Region code, fixed at creation.
    pub region: String,
    /// The company domain, if any.
    pub domain: Option<String>,
    /// Logo address.
    pub logo_url: Option<String>,
    /// `#rrggbb`.
    pub colour: Option<String>,
    /// Markdown home page.
    pub description: String,
    /// ISO 3166 alpha-2 codes, as a JSON list.
    pub countries: Vec<String>,
    /// `active` or `archived`.
    pub status: String,
    /// RFC 3339.
    pub created_at: String,
}

#[derive(sqlx::FromRow, serde::Deserialize)]
pub(super) struct WorkspaceRow {
    id: String,
    name: String,
    region: String,
    domain: Option<String>,
    logo_url: Option<String>,
    colour: Option<String>,
    description: String,
    countries: String,
    status: String,
    created_at: String,
}

impl From<WorkspaceRow> for Workspace {
    fn from(r: WorkspaceRow) -> Self {
        Self {
            id: r.id,
            name: r.name,
            region: r.region,
            domain: r.domain,
            logo_url: r.logo_url,
            colour: r.colour,
            description: r.description,
            countries: serde_json::from_str(&r.countries).unwrap_or_default(),
            status: r.status,
            created_at: r.created_at,
        }
    }
}

/// A workspace as one user sees it in their switcher.
#[derive(Debug, Clone)]
pub struct MyWorkspace {
    /// Workspace id.
    pub id: String,
    /// Workspace name.
    pub name: String,
    /// The user's role key.
    pub role: String,
    /// The user's member status.
    pub status: String,
    /// The workspace's status.
    pub workspace_status: String,
    /// The workspace's logo address.
    pub logo_url: Option<String>,
    /// The workspace's brand colour.
    pub colour: Option<String>,
}

#[derive(sqlx::FromRow)]
struct MyWorkspaceRow {
    id: String,
    name: String,
    role: String,
    status: String,
    workspace_status: String,
    logo_url: Option<String>,
    colour: Option<String>,
}

fn countries_json(w: &Workspace) -> String {
    serde_json::to_string(&w.countries).unwrap_or_else(|_| "[]".to_owned())
}

/// Adds a workspace.
pub async fn insert_workspace(tx: &mut Tx, w: &Workspace) -> StoreResult<()> {
    exec!(
        tx,
        "INSERT INTO workspaces (id, name, region, domain, logo_url, colour, description, \
         countries, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        &w.id,
        &w.name,
        &w.region,
        &w.domain,
        &w.logo_url,
        &w.colour,
        &w.description,
        countries_json(w),
        &w.status,
        &w.created_at,
    )?;
    Ok(())
}

/// The workspace unless it does not exist or was deleted.
pub async fn find_workspace(tx: &mut Tx, id: &str) -> StoreResult<Option<Workspace>> {
    let row = fetch!(
        tx,
        WorkspaceRow,
        fetch_optional,
        "SELECT id, name, region, domain, logo_url, colour, description, countries, status, \
         created_at FROM workspaces WHERE id = $1 AND status <> 'deleted'",
        id,
    )?;
    Ok(row.map(Workspace::from))
}

/// Saves every editable setting and the status (the region never changes).
pub async fn update_workspace(tx: &mut Tx, w: &Workspace) -> StoreResult<()> {
    exec!(
        tx,
        "UPDATE workspaces SET name = $1, domain = $2, logo_url = $3, colour = $4, \
         description = $5, countries = $6, status = $7 WHERE id = $8",
        &w.name,
        &w.domain,
        &w.logo_url,
        &w.colour,
        &w.description,
        countries_json(w),
        &w.status,
        &w.id,
    )?;
    Ok(())
}

/// The workspaces the user belongs to (any member status), by name.
pub async fn list_workspaces_of_user(tx: &mut Tx, user_id: &str) -> StoreResult<Vec<MyWorkspace>> {
    let rows = fetch!(
        tx,
        MyWorkspaceRow,
        fetch_all,
        "SELECT w.id, w.name, m.role, m.status, w.status AS workspace_status, w.logo_url, \
         w.colour FROM members m JOIN workspaces w ON w.id = m.workspace_id \
         WHERE m.user_id = $1 AND w.status <> 'deleted' ORDER BY w.name, w.id",
        user_id,
    )?;
    Ok(rows
        .into_iter()
        .map(|r| MyWorkspace {
            id: r.id,
            name: r.name,
            role: r.role,
            status: r.status,
            workspace_status: r.workspace_status,
            logo_url: r.logo_url,
            colour: r.colour,
        })
        .collect())
}
