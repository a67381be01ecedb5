//! Workspaces: create (the caller becomes owner), read, change settings,
//! archive, delete, and configuration properties. Every decision is
//! `roster_model::authorize`'s, made in the transaction that writes.

mod fields;

use super::access::{self, Standing};
use super::{Caller, Change, record};
use crate::error::AppError;
use crate::state::AppState;
use crate::store::members::{self, MemberRecord};
use crate::store::workspaces::{self as ws_store, MyWorkspace, Workspace};
use crate::store::{self, Tx, config, users};
use roster_api::audit::actions;
use roster_api::{CreateWorkspaceRequest, UpdateWorkspaceRequest};
use roster_model::{Action, DomainName, WorkspaceName, WorkspacePatch, authorize};
use serde_json::json;

pub use fields::check_config_key;

/// A workspace with the caller's role in it.
#[derive(Debug)]
pub struct Seen {
    /// The settings.
    pub workspace: Workspace,
    /// The caller's role key.
    pub role: String,
}

fn settings_json(w: &Workspace) -> serde_json::Value {
    json!({
        "name": w.name, "domain": w.domain, "logo_url": w.logo_url, "colour": w.colour,
        "description": w.description, "countries": w.countries, "status": w.status,
    })
}

/// Opens a write transaction and reads the caller's standing, with the
/// workspace row locked against concurrent member changes.
pub(crate) async fn begin_write(
    state: &AppState,
    caller: &Caller,
    workspace_id: &str,
) -> Result<(Tx, Standing), AppError> {
    let mut tx = state.db.write().await?;
    tx.lock_workspace(workspace_id).await?;
    let standing = access::standing(&mut tx, workspace_id, &caller.user_id).await?;
    Ok((tx, standing))
}

async fn begin_read(
    state: &AppState,
    caller: &Caller,
    workspace_id: &str,
) -> Result<(Tx, Standing), AppError> {
    let mut tx = state.db.read().await?;
    let standing = access::standing(&mut tx, workspace_id, &caller.user_id).await?;
    Ok((tx, standing))
}

/// The caller's workspaces, by name.
pub async fn list_mine(state: &AppState, caller: &Caller) -> Result<Vec<MyWorkspace>, AppError> {
    let mut tx = state.db.read().await?;
    let list = ws_store::list_workspaces_of_user(&mut tx, &caller.user_id).await?;
    tx.commit().await?;
    Ok(list)
}

/// Creates a workspace with the caller as its owner.
pub async fn create(
    state: &AppState,
    caller: &Caller,
    req: CreateWorkspaceRequest,
) -> Result<Seen, AppError> {
    let mut errors = Vec::new();
    let name = WorkspaceName::parse(&req.name)
        .map_err(|e| errors.push(fields::error("name", e)))
        .ok();
    let region = state
        .regions
        .parse(&req.region)
        .map_err(|e| errors.push(fields::error("region", e)))
        .ok();
    let (Some(name), Some(region)) = (name, region) else {
        return Err(AppError::Validation(errors));
    };
    let now = store::time_text(state.clock.now());
    let mut tx = state.db.write().await?;
    let user = users::find_user(&mut tx, &caller.user_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let domain = roster_model::Email::parse(&user.email)
        .ok()
        .filter(|e| !e.is_personal(&state.personal_domains))
        .and_then(|e| DomainName::parse(e.domain().as_str()).ok())
        .map(|d| d.as_str().to_owned());
    let workspace = Workspace {
        id: crate::auth::new_id("ws"),
        name: name.as_str().to_owned(),
        region: region.as_str().to_owned(),
        domain,
        logo_url: None,
        colour: None,
        description: String::new(),
        countries: Vec::new(),
        status: "active".to_owned(),
        created_at: now.clone(),
    };
    ws_store::insert_workspace(&mut tx, &workspace).await?;
    let owner = MemberRecord {
        id: crate::auth::new_id("mem"),
        workspace_id: workspace.id.clone(),
        user_id: Some(user.id.clone()),
        api_key_id: None,
        name: user.name.clone(),
        email: user.email.clone(),
        role: "owner".to_owned(),
        status: "active".to_owned(),
        feature_access: "\"all\"".to_owned(),
        resource_access: "\"all\"".to_owned(),
        joined_at: now,
        invited_by: None,
    };
    members::insert_member(&mut tx, &owner).await?;
    users::update_last_workspace(&mut tx, &user.id, Some(&workspace.id)).await?;
    let change = Change {
        workspace_id: &workspace.id,
        action: actions::WORKSPACE_CREATED,
        target: Some(&workspace.id),
        before: None,
        after: Some(settings_json(&workspace)),
    };
    record(&mut tx, state, caller, change).await?;
    tx.commit().await?;
    Ok(Seen {
        workspace,
        role: owner.role,
    })
}

/// A workspace's settings.
pub async fn get(state: &AppState, caller: &Caller, workspace_id: &str) -> Result<Seen, AppError> {
    let (tx, s) = begin_read(state, caller, workspace_id).await?;
    authorize(&s.actor, &Action::ReadWorkspace, &s.facts)?;
    tx.commit().await?;
    Ok(Seen {
        role: s.me()?.role.clone(),
        workspace: s.workspace()?.clone(),
    })
}

/// Changes settings; the region is refused by the model. A patch that
/// names nothing is a no-op: the settings as they are, no audit event.
pub async fn update(
    state: &AppState,
    caller: &Caller,
    workspace_id: &str,
    req: UpdateWorkspaceRequest,
) -> Result<Seen, AppError> {
    let (mut tx, s) = begin_write(state, caller, workspace_id).await?;
    let patch = WorkspacePatch {
        settings: req.name.is_some()
            || req.logo_url.is_some()
            || req.colour.is_some()
            || req.countries.is_some()
            || req.domain.is_some(),
        description: req.description.is_some(),
        region: req.region.is_some(),
    };
    authorize(&s.actor, &Action::UpdateWorkspace { patch }, &s.facts)?;
    let before = s.workspace()?.clone();
    if req == UpdateWorkspaceRequest::default() {
        tx.commit().await?;
        return Ok(Seen {
            role: s.me()?.role.clone(),
            workspace: before,
        });
    }
    let after = fields::apply(before.clone(), req)?;
    ws_store::update_workspace(&mut tx, &after).await?;
    let change = Change {
        workspace_id,
        action: actions::WORKSPACE_UPDATED,
        target: Some(workspace_id),
        before: Some(settings_json(&before)),
        after: Some(settings_json(&after)),
    };
    record(&mut tx, state, caller, change).await?;
    tx.commit().await?;
    Ok(Seen {
        role: s.me()?.role.clone(),
        workspace: after,
    })
}

/// Archives a workspace (read-only from then on).
pub async fn archive(
    state: &AppState,
    caller: &Caller,
    workspace_id: &str,
) -> Result<Seen, AppError> {
    set_status(
        state,
        caller,
        workspace_id,
        Action::ArchiveWorkspace,
        "archived",
    )
    .await
}

/// Deletes a workspace once its name is typed; its audit trail is kept.
pub async fn delete(
    state: &AppState,
    caller: &Caller,
    workspace_id: &str,
    confirm: String,
) -> Result<(), AppError> {
    let action = Action::DeleteWorkspace { confirm };
    set_status(state, caller, workspace_id, action, "deleted").await?;
    Ok(())
}

async fn set_status(
    state: &AppState,
    caller: &Caller,
    workspace_id: &str,
    action: Action,
    status: &str,
) -> Result<Seen, AppError> {
    let (mut tx, s) = begin_write(state, caller, workspace_id).await?;
    authorize(&s.actor, &action, &s.facts)?;
    let before = s.workspace()?.clone();
    let after = Workspace {
        status: status.to_owned(),
        ..before.clone()
    };
    ws_store::update_workspace(&mut tx, &after).await?;
    let change = Change {
        workspace_id,
        action: if status == "deleted" {
            actions::WORKSPACE_DELETED
        } else {
            actions::WORKSPACE_ARCHIVED
        },
        target: Some(workspace_id),
        before: Some(json!({ "status": before.status })),
        after: Some(json!({ "status": status })),
    };
    record(&mut tx, state, caller, change).await?;
    tx.commit().await?;
    Ok(Seen {
        role: s.me()?.role.clone(),
        workspace: after,
    })
}

/// Every configuration property.
pub async fn list_config(
    state: &AppState,
    caller: &Caller,
    workspace_id: &str,
) -> Result<Vec<(String, String)>, AppError> {
    let (mut tx, s) = begin_read(state, caller, workspace_id).await?;
    authorize(&s.actor, &Action::ReadConfig, &s.facts)?;
    let list = config::list_config(&mut tx, workspace_id).await?;
    tx.commit().await?;
    Ok(list)
}

/// One property's value (404 when unset).
pub async fn get_config(
    state: &AppState,
    caller: &Caller,
    workspace_id: &str,
    key: &str,
) -> Result<String, AppError> {
    let (mut tx, s) = begin_read(state, caller, workspace_id).await?;
    authorize(&s.actor, &Action::ReadConfig, &s.facts)?;
    let value = config::find_config(&mut tx, workspace_id, key).await?;
    tx.commit().await?;
    value.ok_or(AppError::NotFound)
}

/// Sets a property.
pub async fn put_config(
    state: &AppState,
    caller: &Caller,
    workspace_id: &str,
    key: &str,
    value: String,
) -> Result<(), AppError> {
    let (mut tx, s) = begin_write(state, caller, workspace_id).await?;
    authorize(&s.actor, &Action::WriteConfig, &s.facts)?;
    fields::check_config_key(key)?;
    fields::check_config_value(&value)?;
    let before = config::find_config(&mut tx, workspace_id, key).await?;
    config::upsert_config(&mut tx, workspace_id, key, &value).await?;
    let change = Change {
        workspace_id,
        action: actions::CONFIG_SET,
        target: Some(key),
        before: before.map(|v| json!({ "value": v })),
        after: Some(json!({ "value": value })),
    };
    record(&mut tx, state, caller, change).await?;
    tx.commit().await?;
    Ok(())
}

/// Removes a property (404 when unset).
pub async fn delete_config(
    state: &AppState,
    caller: &Caller,
    workspace_id: &str,
    key: &str,
) -> Result<(), AppError> {
    let (mut tx, s) = begin_write(state, caller, workspace_id).await?;
    authorize(&s.actor, &Action::WriteConfig, &s.facts)?;
    let Some(before) = config::find_config(&mut tx, workspace_id, key).await? else {
        return Err(AppError::NotFound);
    };
    config::delete_config(&mut tx, workspace_id, key).await?;
    let change = Change {
        workspace_id,
        action: actions::CONFIG_DELETED,
        target: Some(key),
        before: Some(json!({ "value": before })),
        after: None,
    };
    record(&mut tx, state, caller, change).await?;
    tx.commit().await?;
    Ok(())
}
