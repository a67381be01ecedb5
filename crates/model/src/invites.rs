//! Planning an invitation batch row by row (PRODUCT.md "Invitations", API.md
//! batch results). Invariant: the browser previews and the server applies the
//! very same verdicts; each row's role is checked with `authorize`.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::decision::{Action, Actor, Denied, Facts, authorize};
use crate::member::{FeatureAccess, ResourceAccess};
use crate::role::{Role, RoleCatalogue};
use crate::values::{Email, PersonalDomains};

/// Seats of the plan: the limit and how many are taken (active and invited
/// members plus pending invitations).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct SeatState {
    /// `None` when unlimited.
    pub limit: Option<u32>,
    /// Seats taken now.
    pub used: u32,
}

impl SeatState {
    /// No limit.
    pub const UNLIMITED: SeatState = SeatState {
        limit: None,
        used: 0,
    };
}

/// One row as typed: raw strings, so the form can plan on every keystroke.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct InviteRow {
    /// The address as typed.
    pub email: String,
    /// The role key as sent (`"viewer"` or a custom role id).
    pub role: String,
    /// Feature access for the invitee.
    #[serde(default = "all_features")]
    pub feature_access: FeatureAccess,
    /// Resource access for the invitee.
    #[serde(default = "all_resources")]
    pub resource_access: ResourceAccess,
}

fn all_features() -> FeatureAccess {
    FeatureAccess::All
}

fn all_resources() -> ResourceAccess {
    ResourceAccess::All
}

impl InviteRow {
    /// A row with full feature and resource access.
    pub fn new(email: impl Into<String>, role: impl Into<String>) -> InviteRow {
        InviteRow {
            email: email.into(),
            role: role.into(),
            feature_access: FeatureAccess::All,
            resource_access: ResourceAccess::All,
        }
    }
}

/// Who is already in or invited to the workspace (normalised emails).
#[derive(Clone, Default, PartialEq, Eq, Debug)]
pub struct ExistingPeople {
    /// Emails of current members (any status).
    pub member_emails: BTreeSet<Email>,
    /// Emails with a pending invitation.
    pub pending_invite_emails: BTreeSet<Email>,
}

/// The outcome for one row (API.md's `status`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InviteVerdict {
    /// Will be (or was) invited.
    Invited,
    /// Already a member: skipped.
    AlreadyMember,
    /// Has a pending invitation: resend is its own action.
    AlreadyInvited,
    /// The same address earlier in the batch.
    DuplicateInBatch,
    /// A personal mail domain.
    PersonalDomain,
    /// Not an email address.
    InvalidEmail,
    /// A role (or access) the inviter may not grant, or an unknown role.
    RoleNotAllowed,
    /// No seat left for this row.
    SeatLimit,
}

impl InviteVerdict {
    /// The stable code (same as the serde form).
    pub const fn code(self) -> &'static str {
        match self {
            InviteVerdict::Invited => "invited",
            InviteVerdict::AlreadyMember => "already_member",
            InviteVerdict::AlreadyInvited => "already_invited",
            InviteVerdict::DuplicateInBatch => "duplicate_in_batch",
            InviteVerdict::PersonalDomain => "personal_domain",
            InviteVerdict::InvalidEmail => "invalid_email",
            InviteVerdict::RoleNotAllowed => "role_not_allowed",
            InviteVerdict::SeatLimit => "seat_limit",
        }
    }

    /// Product copy for the row.
    pub const fn message(self) -> &'static str {
        match self {
            InviteVerdict::Invited => "Invitation sent.",
            InviteVerdict::AlreadyMember => "Already a member of this workspace.",
            InviteVerdict::AlreadyInvited => {
                "Already invited. Use \u{201c}Resend\u{201d} to send the invitation again."
            }
            InviteVerdict::DuplicateInBatch => "This address appears earlier in the list.",
            InviteVerdict::PersonalDomain => {
                "Use a work email address; personal email domains are not accepted."
            }
            InviteVerdict::InvalidEmail => "This is not a valid email address.",
            InviteVerdict::RoleNotAllowed => "You cannot invite people with this role or access.",
            InviteVerdict::SeatLimit => {
                "No seats left on this plan. Upgrade the plan or remove members."
            }
        }
    }

    /// Whether the row will be invited.
    pub const fn is_invited(self) -> bool {
        matches!(self, InviteVerdict::Invited)
    }
}

/// A planned row.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct PlannedInvite {
    /// The address as typed.
    pub input: String,
    /// The normalised address, when it parsed.
    pub email: Option<Email>,
    /// The resolved role, when it resolved.
    pub role: Option<Role>,
    /// The verdict.
    pub verdict: InviteVerdict,
    /// For `role_not_allowed`: the rule that refused it (if the role resolved).
    pub denied: Option<Denied>,
}

/// Plans a batch: one verdict per row, in order. First occurrences win;
/// valid rows take seats in order. `Err` only when the actor may not invite
/// at all (the whole request is refused).
pub fn plan_invites(
    actor: &Actor,
    rows: &[InviteRow],
    existing: &ExistingPeople,
    seat: SeatState,
    personal: &PersonalDomains,
    roles: &RoleCatalogue,
    facts: &Facts,
) -> Result<Vec<PlannedInvite>, Denied> {
    authorize(actor, &Action::InviteMembers, facts)?;
    let mut seen = BTreeSet::new();
    let mut used = seat.used;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let email = Email::parse(&row.email).ok();
        let role = roles.resolve_str(row.role.trim());
        let mut denied = None;
        let verdict = match &email {
            None => InviteVerdict::InvalidEmail,
            Some(e) if !seen.insert(e.clone()) => InviteVerdict::DuplicateInBatch,
            Some(e) if existing.member_emails.contains(e) => InviteVerdict::AlreadyMember,
            Some(e) if existing.pending_invite_emails.contains(e) => InviteVerdict::AlreadyInvited,
            Some(e) if e.is_personal(personal) => InviteVerdict::PersonalDomain,
            Some(_) => {
                let check = role.as_ref().map(|r| {
                    let action = Action::Invite {
                        role: r.clone(),
                        feature_access: row.feature_access.clone(),
                        resource_access: row.resource_access.clone(),
                    };
                    authorize(actor, &action, facts)
                });
                match check {
                    None => InviteVerdict::RoleNotAllowed,
                    Some(Err(d)) => {
                        denied = Some(d);
                        InviteVerdict::RoleNotAllowed
                    }
                    Some(Ok(_)) if seat.limit.is_some_and(|l| used >= l) => {
                        InviteVerdict::SeatLimit
                    }
                    Some(Ok(_)) => {
                        used = used.saturating_add(1);
                        InviteVerdict::Invited
                    }
                }
            }
        };
        out.push(PlannedInvite {
            input: row.email.clone(),
            email,
            role,
            verdict,
            denied,
        });
    }
    Ok(out)
}

/// Splits pasted text into addresses: commas, semicolons, newlines and other
/// whitespace separate; empty pieces are dropped. An entry written
/// `Name <a@b.c>` yields just the address; nothing else is dropped.
pub fn parse_invite_list(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for entry in text.split([',', ';', '\n', '\r']) {
        let bracketed = entry
            .split_once('<')
            .and_then(|(_, rest)| rest.split_once('>'))
            .map(|(inside, _)| inside);
        match bracketed {
            Some(inside) => out.extend(inside.split_whitespace().map(str::to_owned)),
            None => out.extend(entry.split_whitespace().map(str::to_owned)),
        }
    }
    out
}

#[cfg(test)]
mod tests;
