//! Invitations, the invitee's side: pending ones, accept (by id or by the
//! link's token) and decline. The invited member row is the actor that
//! `roster_model::authorize` judges.

use super::seats;
use crate::error::AppError;
use crate::ops::access::model_member;
use crate::ops::{Caller, Change, record};
use crate::state::AppState;
use crate::store::invitations::{self, Invitation};
use crate::store::{self, Tx, members, users};
use roster_api::audit::actions;
use roster_model::{Action, Actor, Facts, Principal, UserId, authorize};

/// The caller's pending invitations.
pub async fn pending_for(state: &AppState, caller: &Caller) -> Result<Vec<Invitation>, AppError> {
    let mut tx = state.db.read().await?;
    let user = users::find_user(&mut tx, &caller.user_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let list = invitations::list_pending_for_email(&mut tx, &user.email).await?;
    tx.commit().await?;
    Ok(list
        .into_iter()
        .filter(|i| matches!(past_its_time(state, i), Ok(false)))
        .collect())
}

/// Loads the invited member as the actor, with the workspace's facts.
async fn invitee(
    tx: &mut Tx,
    caller: &Caller,
    inv: &Invitation,
) -> Result<(Actor, Facts, members::MemberRecord), AppError> {
    tx.lock_workspace(&inv.workspace_id).await?;
    let row = members::find_member(tx, &inv.workspace_id, &inv.member_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut member = model_member(&row)?;
    member.principal = Principal::User(UserId::new(caller.user_id.as_str()));
    let ws = store::workspaces::find_workspace(tx, &inv.workspace_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut facts = Facts::new(
        ws.name,
        members::count_active_owners(tx, &inv.workspace_id).await?,
    );
    facts.archived = ws.status == "archived";
    Ok((Actor::Member(member), facts, row))
}

/// Whether the invitation's link has run out (whatever its status).
fn past_its_time(state: &AppState, inv: &Invitation) -> Result<bool, AppError> {
    Ok(store::parse_time(&inv.expires_at)? <= state.clock.now())
}

fn still_valid(state: &AppState, inv: &Invitation) -> Result<(), AppError> {
    if inv.status != "pending" {
        return Err(roster_model::Denied::NoPendingInvitation.into());
    }
    if past_its_time(state, inv)? {
        return Err(AppError::conflict(
            "invitation_expired",
            "This invitation has expired. Ask for a new one.",
        ));
    }
    Ok(())
}

async fn join(
    state: &AppState,
    mut tx: Tx,
    caller: &Caller,
    inv: Invitation,
) -> Result<(String, String), AppError> {
    still_valid(state, &inv)?;
    let (actor, facts, row) = invitee(&mut tx, caller, &inv).await?;
    let seat = seats(state, &mut tx, &inv.workspace_id).await?;
    authorize(&actor, &Action::AcceptInvitation { seat }, &facts)?;
    if members::find_member_of_user(&mut tx, &inv.workspace_id, &caller.user_id)
        .await?
        .is_some()
    {
        return Err(AppError::conflict(
            "already_member",
            "You are already a member of this workspace.",
        ));
    }
    let user = users::find_user(&mut tx, &caller.user_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let now = store::time_text(state.clock.now());
    members::update_member_joined(&mut tx, &row.id, &user.id, &user.name, &user.email, &now)
        .await?;
    invitations::update_invitation_status(&mut tx, &inv.id, "accepted").await?;
    users::update_last_workspace(&mut tx, &user.id, Some(&inv.workspace_id)).await?;
    let change = Change {
        workspace_id: &inv.workspace_id,
        action: actions::MEMBER_JOINED,
        target: Some(&row.id),
        before: Some(serde_json::json!({ "status": "invited" })),
        after: Some(serde_json::json!({ "status": "active", "user": user.id })),
    };
    record(&mut tx, state, caller, change).await?;
    tx.commit().await?;
    Ok((inv.workspace_id, row.id))
}

/// Accepts an invitation addressed to the caller's email.
pub async fn accept(
    state: &AppState,
    caller: &Caller,
    id: &str,
) -> Result<(String, String), AppError> {
    let mut tx = state.db.write().await?;
    let inv = mine(&mut tx, caller, id).await?;
    join(state, tx, caller, inv).await
}

/// Accepts the invitation whose link token the caller holds, when it was
/// sent to the caller's email.
pub async fn accept_by_token(
    state: &AppState,
    caller: &Caller,
    token: &str,
) -> Result<(String, String), AppError> {
    let mut tx = state.db.write().await?;
    let inv = invitations::find_invitation_by_token(&mut tx, &crate::auth::hash_token(token))
        .await?
        .ok_or(AppError::NotFound)?;
    // A link is not a bearer pass: only the invited address may use it.
    let user = users::find_user(&mut tx, &caller.user_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    if inv.email != user.email {
        return Err(AppError::Problem(Box::new(roster_api::Problem::new(
            403,
            "invitation_for_another_email",
            "Forbidden",
            "This invitation was sent to a different email address. Sign in with that address to accept it.",
        ))));
    }
    join(state, tx, caller, inv).await
}

/// What the invitation behind a link token offers, signed in or not: the
/// invitation, its inviter's name, and its status, with `expired` for a
/// pending one past its time and `archived` for one whose workspace takes
/// no one new. An unknown token, one a resend replaced and a revoked
/// invitation are not found: a withdrawn link (often sent to a mistyped
/// address) says nothing about the workspace.
pub async fn lookup(
    state: &AppState,
    token: &str,
) -> Result<(Invitation, Option<String>, &'static str), AppError> {
    let mut tx = state.db.read().await?;
    let inv = invitations::find_invitation_by_token(&mut tx, &crate::auth::hash_token(token))
        .await?
        .filter(|i| i.status != "revoked")
        .ok_or(AppError::NotFound)?;
    let inviter = match &inv.invited_by {
        Some(id) => users::find_user(&mut tx, id).await?.map(|u| u.name),
        None => None,
    };
    tx.commit().await?;
    let status = match inv.status.as_str() {
        "pending" if inv.workspace_status != "active" => "archived",
        "pending" if past_its_time(state, &inv)? => "expired",
        "pending" => "pending",
        "accepted" => "accepted",
        _ => "declined",
    };
    Ok((inv, inviter, status))
}

async fn mine(tx: &mut Tx, caller: &Caller, id: &str) -> Result<Invitation, AppError> {
    let user = users::find_user(tx, &caller.user_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    invitations::find_invitation(tx, id)
        .await?
        .filter(|i| i.email == user.email)
        .ok_or(AppError::NotFound)
}

/// Declines an invitation addressed to the caller.
pub async fn decline(state: &AppState, caller: &Caller, id: &str) -> Result<(), AppError> {
    let mut tx = state.db.write().await?;
    let inv = mine(&mut tx, caller, id).await?;
    if inv.status != "pending" {
        return Err(roster_model::Denied::NoPendingInvitation.into());
    }
    let (actor, facts, row) = invitee(&mut tx, caller, &inv).await?;
    authorize(&actor, &Action::DeclineInvitation, &facts)?;
    invitations::update_invitation_status(&mut tx, &inv.id, "declined").await?;
    members::delete_member(&mut tx, &inv.workspace_id, &row.id).await?;
    let change = Change {
        workspace_id: &inv.workspace_id,
        action: actions::INVITATION_DECLINED,
        target: Some(&inv.id),
        before: Some(serde_json::json!({ "status": "pending" })),
        after: Some(serde_json::json!({ "status": "declined" })),
    };
    record(&mut tx, state, caller, change).await?;
    tx.commit().await?;
    Ok(())
}
