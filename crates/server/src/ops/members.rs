//! The team table: list (keyset pages), change role / access / status,
//! remove, leave, transfer ownership. The workspace row is locked first in
//! every changing transaction (see `store::Tx::lock_workspace`), so two
//! owners demoting each other cannot both pass the "keeps an owner" rule.

mod paging;

use super::access::{model_member, status_text};
use super::workspaces::begin_write;
use super::{Caller, Change, record};
use crate::error::AppError;
use crate::state::AppState;
use crate::store::members::{self, MemberRecord};
use roster_api::UpdateMemberRequest;
use roster_api::audit::actions;
use roster_model::{Action, Member, MemberStatus, RoleCatalogue, SeatState, authorize};
use serde_json::json;

pub use paging::list;

fn member_json(m: &MemberRecord) -> serde_json::Value {
    json!({
        "role": m.role, "status": m.status,
        "feature_access": serde_json::from_str::<serde_json::Value>(&m.feature_access).ok(),
        "resource_access": serde_json::from_str::<serde_json::Value>(&m.resource_access).ok(),
    })
}

fn to_json_text<T: serde::Serialize>(v: &T) -> Result<String, AppError> {
    serde_json::to_string(v).map_err(|e| AppError::Internal(e.into()))
}

/// Applies a PATCH: each requested change is its own model decision, taken
/// in order against the state the previous ones left. A patch that names
/// nothing is a no-op (as in JSON Merge Patch): the member as it is, no
/// audit event.
pub async fn update(
    state: &AppState,
    caller: &Caller,
    workspace_id: &str,
    member_id: &str,
    req: UpdateMemberRequest,
) -> Result<MemberRecord, AppError> {
    let (mut tx, mut s) = begin_write(state, caller, workspace_id).await?;
    authorize(&s.actor, &Action::ListMembers, &s.facts)?;
    let before = members::find_member(&mut tx, workspace_id, member_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if req == UpdateMemberRequest::default() {
        tx.commit().await?;
        return Ok(before);
    }
    let mut record_after = before.clone();
    let mut target: Member = model_member(&before)?;
    let was_owner = target.is_active_owner();
    if let Some(key) = &req.role {
        let new_role = RoleCatalogue::default()
            .resolve_str(key)
            .ok_or_else(|| AppError::field("role", "There is no such role in this workspace."))?;
        let action = Action::ChangeRole {
            target: target.clone(),
            new_role: new_role.clone(),
        };
        authorize(&s.actor, &action, &s.facts)?;
        record_after.role = new_role.key().as_str().to_owned();
        target.role = new_role;
        adjust_owner_count(&mut s.facts.active_owner_count, was_owner, &target);
    }
    if let Some(access) = req.feature_access {
        let action = Action::ChangeFeatureAccess {
            target: target.clone(),
            access: access.clone(),
        };
        authorize(&s.actor, &action, &s.facts)?;
        record_after.feature_access = to_json_text(&access)?;
        target.feature_access = access;
    }
    if let Some(access) = req.resource_access {
        access
            .check()
            .map_err(|e| AppError::field("resource_access", e.to_string()))?;
        let action = Action::ChangeResourceAccess {
            target: target.clone(),
            access: access.clone(),
        };
        authorize(&s.actor, &action, &s.facts)?;
        record_after.resource_access = to_json_text(&access)?;
        target.resource_access = access;
    }
    if let Some(status) = req.status {
        let action = match status {
            MemberStatus::Deactivated => Action::Deactivate {
                target: target.clone(),
            },
            MemberStatus::Active => Action::Reactivate {
                target: target.clone(),
                seat: SeatState::UNLIMITED,
            },
            MemberStatus::Invited => {
                return Err(AppError::field(
                    "status",
                    "Set the status to active or deactivated.",
                ));
            }
        };
        authorize(&s.actor, &action, &s.facts)?;
        record_after.status = status_text(status).to_owned();
        target.status = status;
    }
    members::update_member(&mut tx, &record_after).await?;
    let change = Change {
        workspace_id,
        action: actions::MEMBER_UPDATED,
        target: Some(member_id),
        before: Some(member_json(&before)),
        after: Some(member_json(&record_after)),
    };
    record(&mut tx, state, caller, change).await?;
    tx.commit().await?;
    Ok(record_after)
}

fn adjust_owner_count(count: &mut u32, was_owner: bool, now: &Member) {
    match (was_owner, now.is_active_owner()) {
        (true, false) => *count = count.saturating_sub(1),
        (false, true) => *count += 1,
        _ => {}
    }
}

/// Removes a member; what they made stays.
pub async fn remove(
    state: &AppState,
    caller: &Caller,
    workspace_id: &str,
    member_id: &str,
) -> Result<(), AppError> {
    let (mut tx, s) = begin_write(state, caller, workspace_id).await?;
    authorize(&s.actor, &Action::ListMembers, &s.facts)?;
    let target = members::find_member(&mut tx, workspace_id, member_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let action = Action::Remove {
        target: model_member(&target)?,
    };
    authorize(&s.actor, &action, &s.facts)?;
    members::delete_member(&mut tx, workspace_id, member_id).await?;
    let change = Change {
        workspace_id,
        action: actions::MEMBER_REMOVED,
        target: Some(member_id),
        before: Some(member_json(&target)),
        after: None,
    };
    record(&mut tx, state, caller, change).await?;
    tx.commit().await?;
    Ok(())
}

/// The caller leaves the workspace (refused to the last owner).
pub async fn leave(state: &AppState, caller: &Caller, workspace_id: &str) -> Result<(), AppError> {
    let (mut tx, s) = begin_write(state, caller, workspace_id).await?;
    authorize(&s.actor, &Action::Leave, &s.facts)?;
    let me = s.me()?;
    members::delete_member(&mut tx, workspace_id, &me.id).await?;
    crate::store::users::clear_last_workspace(&mut tx, &caller.user_id, workspace_id).await?;
    let change = Change {
        workspace_id,
        action: actions::MEMBER_LEFT,
        target: Some(&me.id),
        before: Some(member_json(me)),
        after: None,
    };
    record(&mut tx, state, caller, change).await?;
    tx.commit().await?;
    Ok(())
}

/// Makes an Admin the owner and the caller an Admin, in one step.
pub async fn transfer_ownership(
    state: &AppState,
    caller: &Caller,
    workspace_id: &str,
    member_id: &str,
    confirmed: bool,
) -> Result<MemberRecord, AppError> {
    let (mut tx, s) = begin_write(state, caller, workspace_id).await?;
    authorize(&s.actor, &Action::ListMembers, &s.facts)?;
    let target = members::find_member(&mut tx, workspace_id, member_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let action = Action::TransferOwnership {
        target: model_member(&target)?,
        confirmed,
    };
    authorize(&s.actor, &action, &s.facts)?;
    let me = s.me()?;
    let new_owner = MemberRecord {
        role: "owner".to_owned(),
        ..target.clone()
    };
    let new_admin = MemberRecord {
        role: "admin".to_owned(),
        ..me.clone()
    };
    members::update_member(&mut tx, &new_owner).await?;
    members::update_member(&mut tx, &new_admin).await?;
    let change = Change {
        workspace_id,
        action: actions::OWNERSHIP_TRANSFERRED,
        target: Some(member_id),
        before: Some(json!({ "owner": me.id, "target_role": target.role })),
        after: Some(json!({ "owner": target.id, "previous_owner_role": "admin" })),
    };
    record(&mut tx, state, caller, change).await?;
    tx.commit().await?;
    Ok(new_owner)
}
