//! Invitations, the workspace's side: batch invite (verdicts by
//! `roster_model::plan_invites`), list, resend, link, revoke. Tokens are
//! stored hashed; without SMTP each message goes to the local outbox.

mod answer;

use super::access::model_member;
use super::workspaces::begin_write;
use super::{Caller, Change, record};
use crate::error::AppError;
use crate::state::AppState;
use crate::store::invitations::{self, Invitation};
use crate::store::members::{self, MemberRecord};
use crate::store::outbox::{self, OutboxMessage};
use crate::store::{self, Tx};
use roster_api::audit::actions;
use roster_api::{CreateInvitationsRequest, InvitationResultResponse};
use roster_model::{
    Action, Email, ExistingPeople, FeatureAccess, InviteRow, ResourceAccess, RoleCatalogue,
    SeatState, authorize, plan_invites,
};
use serde_json::json;

pub use answer::{accept, accept_by_token, decline, lookup, pending_for};

/// How long an invitation link stays valid.
pub const INVITATION_DAYS: i64 = 7;
/// The most rows one batch may hold.
pub const MAX_BATCH: usize = 1_000;

/// Seats of the workspace now.
pub(crate) async fn seats(state: &AppState, tx: &mut Tx, ws: &str) -> Result<SeatState, AppError> {
    Ok(match state.config.seat_limit {
        None => SeatState::UNLIMITED,
        Some(limit) => SeatState {
            limit: Some(limit),
            used: members::count_seats(tx, ws).await?,
        },
    })
}

fn link(state: &AppState, token: &str) -> String {
    let base = state.config.public_url.as_deref().unwrap_or("");
    format!(
        "{}/invitations/accept?token={token}",
        base.trim_end_matches('/')
    )
}

/// A fresh invitation token: what the link carries and what is stored.
struct Fresh {
    /// The token's hash, the only form stored.
    hash: String,
    /// When the link stops working.
    expires_at: String,
    /// The accept link, holding the raw token.
    url: String,
    /// When it was made (the expiry counts from here).
    issued_at: String,
}

fn fresh_token(state: &AppState) -> Fresh {
    let token = crate::auth::new_token();
    let now = state.clock.now();
    Fresh {
        hash: crate::auth::hash_token(&token),
        expires_at: store::time_text(now + chrono::Duration::days(INVITATION_DAYS)),
        url: link(state, &token),
        issued_at: store::time_text(now),
    }
}

/// A new token for `inv`, stored hashed (the previous one stops working);
/// with `send`, the message goes to the outbox.
async fn issue_token(
    state: &AppState,
    tx: &mut Tx,
    inv: &Invitation,
    send: bool,
) -> Result<(String, String), AppError> {
    let fresh = fresh_token(state);
    invitations::update_invitation_token(tx, &inv.id, &fresh.hash, &fresh.expires_at).await?;
    if send {
        queue_mail(state, tx, inv, &fresh).await?;
    }
    Ok((fresh.url, fresh.expires_at))
}

/// The invitation message with `fresh`'s link, into the outbox.
async fn queue_mail(
    state: &AppState,
    tx: &mut Tx,
    inv: &Invitation,
    fresh: &Fresh,
) -> Result<(), AppError> {
    let id = crate::auth::new_id("msg");
    let message = OutboxMessage {
        id: id.clone(),
        workspace_id: Some(inv.workspace_id.clone()),
        recipient: inv.email.clone(),
        subject: format!("You are invited to {} on Roster", inv.workspace_name),
        // The link holds the raw token: sealed, like every outbox body.
        body: state.sealer.seal(
            &format!(
                "You have been invited to join {} as {}.\n\nAccept: {}\n\nThe link expires on {}.",
                inv.workspace_name, inv.role, fresh.url, fresh.expires_at
            ),
            &id,
        ),
        created_at: fresh.issued_at.clone(),
        held: state.mailer.is_none(),
    };
    outbox::insert_outbox_message(tx, &message).await?;
    Ok(())
}

/// Plans and applies a batch; valid rows are invited even when others are refused.
pub async fn invite(
    state: &AppState,
    caller: &Caller,
    workspace_id: &str,
    req: CreateInvitationsRequest,
) -> Result<Vec<InvitationResultResponse>, AppError> {
    let (mut tx, s) = begin_write(state, caller, workspace_id).await?;
    authorize(&s.actor, &Action::InviteMembers, &s.facts)?;
    if req.invites.len() > MAX_BATCH {
        return Err(AppError::field(
            "invites",
            format!("Invite at most {MAX_BATCH} people at once."),
        ));
    }
    for (i, r) in req.invites.iter().enumerate() {
        if let Some(Err(e)) = r.resource_access.as_ref().map(ResourceAccess::check) {
            return Err(AppError::field(
                &format!("invites[{i}].resource_access"),
                e.to_string(),
            ));
        }
    }
    let rows = u32::try_from(req.invites.len()).unwrap_or(u32::MAX);
    state
        .invitations
        .take(workspace_id, rows, state.clock.now())
        .map_err(AppError::RateLimited)?;
    // Only the batch's own addresses are looked up: the check costs what the
    // batch holds, whatever the workspace's size.
    let asked: Vec<String> = req
        .invites
        .iter()
        .filter_map(|r| Email::parse(&r.email).ok())
        .map(|e| e.as_str().to_owned())
        .collect();
    let parse = |list: Vec<String>| list.iter().filter_map(|e| Email::parse(e).ok()).collect();
    let existing = ExistingPeople {
        member_emails: parse(members::joined_emails_among(&mut tx, workspace_id, &asked).await?),
        pending_invite_emails: parse(
            invitations::pending_emails_among(&mut tx, workspace_id, &asked).await?,
        ),
    };
    let rows: Vec<InviteRow> = req
        .invites
        .into_iter()
        .map(|r| InviteRow {
            email: r.email,
            role: r.role,
            feature_access: r.feature_access.unwrap_or(FeatureAccess::All),
            resource_access: r.resource_access.unwrap_or(ResourceAccess::All),
        })
        .collect();
    let seat = seats(state, &mut tx, workspace_id).await?;
    let roles = RoleCatalogue::default();
    let plan = plan_invites(
        &s.actor,
        &rows,
        &existing,
        seat,
        &state.personal_domains,
        &roles,
        &s.facts,
    )?;
    let ws = s.workspace()?;
    let now = store::time_text(state.clock.now());
    let mut results = Vec::with_capacity(plan.len());
    for (row, planned) in rows.iter().zip(plan) {
        let mut invitation_id = None;
        if let (true, Some(email), Some(role)) =
            (planned.verdict.is_invited(), &planned.email, &planned.role)
        {
            let member = MemberRecord {
                id: crate::auth::new_id("mem"),
                workspace_id: workspace_id.to_owned(),
                user_id: None,
                api_key_id: None,
                name: email.local().to_owned(),
                email: email.as_str().to_owned(),
                role: role.key().as_str().to_owned(),
                status: "invited".to_owned(),
                feature_access: serde_json::to_string(&row.feature_access)
                    .map_err(anyhow::Error::from)?,
                resource_access: serde_json::to_string(&row.resource_access)
                    .map_err(anyhow::Error::from)?,
                joined_at: now.clone(),
                invited_by: Some(caller.user_id.clone()),
            };
            members::insert_member(&mut tx, &member).await?;
            // The token is made before the row, so the row is written once.
            let fresh = fresh_token(state);
            let inv = Invitation {
                id: crate::auth::new_id("inv"),
                workspace_id: workspace_id.to_owned(),
                member_id: member.id.clone(),
                email: member.email.clone(),
                role: member.role.clone(),
                token_hash: fresh.hash.clone(),
                status: "pending".to_owned(),
                expires_at: fresh.expires_at.clone(),
                invited_by: Some(caller.user_id.clone()),
                created_at: now.clone(),
                workspace_name: ws.name.clone(),
                workspace_status: ws.status.clone(),
            };
            invitations::insert_invitation(&mut tx, &inv).await?;
            queue_mail(state, &mut tx, &inv, &fresh).await?;
            let change = Change {
                workspace_id,
                action: actions::MEMBER_INVITED,
                target: Some(&member.id),
                before: None,
                after: Some(json!({ "email": inv.email, "role": inv.role, "invitation": inv.id })),
            };
            record(&mut tx, state, caller, change).await?;
            invitation_id = Some(inv.id);
        }
        results.push(InvitationResultResponse {
            email: row.email.clone(),
            status: planned.verdict.code().to_owned(),
            invitation_id,
            message: planned
                .denied
                .map_or_else(|| planned.verdict.message().to_owned(), |d| d.message()),
        });
    }
    tx.commit().await?;
    state.wake_mail();
    Ok(results)
}

/// A workspace's pending and declined invitations, newest first.
pub async fn list(
    state: &AppState,
    caller: &Caller,
    workspace_id: &str,
    after: Option<(String, String)>,
    limit: u32,
) -> Result<Vec<Invitation>, AppError> {
    let mut tx = state.db.read().await?;
    let s = super::access::standing(&mut tx, workspace_id, &caller.user_id).await?;
    authorize(&s.actor, &Action::ListInvitations, &s.facts)?;
    let mut list = invitations::list_invitations(&mut tx, workspace_id, after, limit).await?;
    tx.commit().await?;
    let now = state.clock.now();
    for inv in &mut list {
        if inv.status == "pending" && store::parse_time(&inv.expires_at)? <= now {
            inv.status = "expired".to_owned();
        }
    }
    Ok(list)
}

async fn pending_in(tx: &mut Tx, workspace_id: &str, id: &str) -> Result<Invitation, AppError> {
    let inv = invitations::find_invitation(tx, id)
        .await?
        .filter(|i| i.workspace_id == workspace_id)
        .ok_or(AppError::NotFound)?;
    if inv.status == "pending" {
        Ok(inv)
    } else {
        Err(AppError::conflict(
            "invitation_not_pending",
            "This invitation is no longer pending.",
        ))
    }
}

/// Sends the invitation again with a fresh token.
pub async fn resend(
    state: &AppState,
    caller: &Caller,
    workspace_id: &str,
    id: &str,
) -> Result<String, AppError> {
    let (mut tx, s) = begin_write(state, caller, workspace_id).await?;
    authorize(&s.actor, &Action::ResendInvitation, &s.facts)?;
    let inv = pending_in(&mut tx, workspace_id, id).await?;
    let (_, expires_at) = issue_token(state, &mut tx, &inv, true).await?;
    let change = Change {
        workspace_id,
        action: actions::INVITATION_RESENT,
        target: Some(id),
        before: None,
        after: None,
    };
    record(&mut tx, state, caller, change).await?;
    tx.commit().await?;
    state.wake_mail();
    Ok(expires_at)
}

/// A fresh link to share by hand (the previous link stops working).
pub async fn copy_link(
    state: &AppState,
    caller: &Caller,
    workspace_id: &str,
    id: &str,
) -> Result<(String, String), AppError> {
    let (mut tx, s) = begin_write(state, caller, workspace_id).await?;
    authorize(&s.actor, &Action::CopyInvitationLink, &s.facts)?;
    let inv = pending_in(&mut tx, workspace_id, id).await?;
    let link = issue_token(state, &mut tx, &inv, false).await?;
    let change = Change {
        workspace_id,
        action: actions::INVITATION_LINK_COPIED,
        target: Some(id),
        before: None,
        after: None,
    };
    record(&mut tx, state, caller, change).await?;
    tx.commit().await?;
    Ok(link)
}

/// Revokes a pending invitation and drops the invited member row.
pub async fn revoke(
    state: &AppState,
    caller: &Caller,
    workspace_id: &str,
    id: &str,
) -> Result<(), AppError> {
    let (mut tx, s) = begin_write(state, caller, workspace_id).await?;
    authorize(&s.actor, &Action::RevokeInvitation, &s.facts)?;
    let inv = pending_in(&mut tx, workspace_id, id).await?;
    invitations::update_invitation_status(&mut tx, id, "revoked").await?;
    if let Some(m) = members::find_member(&mut tx, workspace_id, &inv.member_id).await?
        && model_member(&m)?.status == roster_model::MemberStatus::Invited
    {
        members::delete_member(&mut tx, workspace_id, &m.id).await?;
    }
    let change = Change {
        workspace_id,
        action: actions::INVITATION_REVOKED,
        target: Some(id),
        before: Some(json!({ "email": inv.email, "status": "pending" })),
        after: Some(json!({ "status": "revoked" })),
    };
    record(&mut tx, state, caller, change).await?;
    tx.commit().await?;
    Ok(())
}
