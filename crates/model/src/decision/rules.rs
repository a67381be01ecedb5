//! The rules of PRODUCT.md ("Rules that must always hold"), one small function
//! each, each with its own test table. `authorize` composes them; nothing else
//! decides.

use crate::decision::{Actor, Basis, Denied, Grant};
use crate::groups::GroupGraph;
use crate::ids::ResourceId;
use crate::invites::SeatState;
use crate::member::{FeatureAccess, Member, MemberStatus, ResourceAccess};
use crate::permission::{Permission, PermissionSet};
use crate::role::{OWNER_ONLY, Role};
use crate::shares::{SEE_ALL_SHARED, ShareLevel, SharedResource, share_level};
use crate::values::FeatureKey;

/// The actor must be a member (else "not found").
pub(crate) fn member_of(actor: &Actor) -> Result<&Member, Denied> {
    match actor {
        Actor::Member(m) => Ok(m),
        Actor::NonMember => Err(Denied::NotAMember),
    }
}

/// Invited or deactivated members can do nothing (but answer an invitation).
pub(crate) fn is_active(me: &Member) -> Result<(), Denied> {
    match me.status {
        MemberStatus::Active => Ok(()),
        status @ (MemberStatus::Invited | MemberStatus::Deactivated) => {
            Err(Denied::InactiveMember { status })
        }
    }
}

/// The actor's role must hold `permission`.
pub(crate) fn has_permission(me: &Member, permission: Permission) -> Result<Grant, Denied> {
    if me.effective_permissions().contains(permission) {
        Ok(Grant {
            permission: Some(permission),
            basis: Basis::Role,
        })
    } else {
        Err(Denied::NotAllowed { permission })
    }
}

/// Rule 1: at least one active owner remains after `target` changes.
/// `stays_active_owner` says whether the target is still an active owner after.
pub(crate) fn keeps_an_owner(
    target: &Member,
    stays_active_owner: bool,
    active_owner_count: u32,
) -> Result<(), Denied> {
    if target.is_active_owner() && !stays_active_owner && active_owner_count <= 1 {
        Err(Denied::LastOwner)
    } else {
        Ok(())
    }
}

/// Rule 2 and 5: nobody does this to themselves.
pub(crate) fn not_self(me: &Member, target: &Member, denial: Denied) -> Result<(), Denied> {
    if me.id == target.id || me.principal == target.principal {
        Err(denial)
    } else {
        Ok(())
    }
}

/// Rule 2: only an owner changes another owner.
pub(crate) fn owner_acts_on_owner(me: &Member, target: &Member) -> Result<(), Denied> {
    if target.is_owner() && !me.is_owner() {
        Err(Denied::OwnerOnly)
    } else {
        Ok(())
    }
}

/// Rule 3 (other side): nobody changes someone who holds permissions they lack.
pub(crate) fn outranks(me: &Member, target: &Member) -> Result<(), Denied> {
    let missing = target
        .role
        .permissions()
        .difference(me.effective_permissions());
    if missing.is_empty() {
        Ok(())
    } else {
        Err(Denied::Outranked { missing })
    }
}

/// Rule 3: nobody grants a permission they do not hold.
pub(crate) fn no_escalation(me: &Member, granted: PermissionSet) -> Result<(), Denied> {
    let missing = granted.difference(me.effective_permissions());
    if missing.is_empty() {
        Ok(())
    } else {
        Err(Denied::Escalation { missing })
    }
}

/// Rule 3 for features.
pub(crate) fn no_feature_escalation(me: &Member, granted: &FeatureAccess) -> Result<(), Denied> {
    match granted.missing_from(&me.feature_access) {
        Some(missing) if missing.is_empty() => Ok(()),
        Some(missing) => Err(Denied::FeatureEscalation { missing }),
        None => Err(Denied::FeatureEscalation {
            missing: Vec::new(),
        }),
    }
}

/// Rule 3 for resources.
pub(crate) fn no_resource_escalation(me: &Member, granted: &ResourceAccess) -> Result<(), Denied> {
    match granted.missing_from(&me.resource_access) {
        Some(missing) if missing.is_empty() => Ok(()),
        Some(missing) => Err(Denied::ResourceEscalation { missing }),
        None => Err(Denied::ResourceEscalation {
            missing: Vec::new(),
        }),
    }
}

/// API.md: only an Admin can become an Owner. `current` is `None` for an invitee.
pub(crate) fn owner_only_from_admin(current: Option<&Role>, new_role: &Role) -> Result<(), Denied> {
    let from_admin_or_owner = current.is_some_and(|r| r.is_admin() || r.is_owner());
    if new_role.is_owner() && !from_admin_or_owner {
        Err(Denied::OwnerRequiresAdmin)
    } else {
        Ok(())
    }
}

/// A custom role never holds owner-only permissions.
pub(crate) fn custom_role_allowed(permissions: PermissionSet) -> Result<(), Denied> {
    match permissions.intersection(OWNER_ONLY).iter().next() {
        Some(permission) => Err(Denied::OwnerOnlyPermission { permission }),
        None => Ok(()),
    }
}

/// Rule 4: a confirmation was given.
pub(crate) fn confirmed(yes: bool) -> Result<(), Denied> {
    if yes {
        Ok(())
    } else {
        Err(Denied::ConfirmationRequired)
    }
}

/// Deletion: the typed name equals the workspace's (surrounding spaces ignored).
pub(crate) fn confirm_matches(typed: &str, name: &str) -> Result<(), Denied> {
    match typed.trim() {
        "" => Err(Denied::ConfirmationRequired),
        t if t == name.trim() => Ok(()),
        _ => Err(Denied::ConfirmationMismatch),
    }
}

/// Seat limits: `extra` more seats fit.
pub(crate) fn seat_available(seat: SeatState, extra: u32) -> Result<(), Denied> {
    match seat.limit {
        Some(limit) if seat.used.saturating_add(extra) > limit => Err(Denied::SeatLimit { limit }),
        _ => Ok(()),
    }
}

/// Feature access covers the feature.
pub(crate) fn feature_allowed(me: &Member, feature: &FeatureKey) -> Result<(), Denied> {
    if me.feature_access.allows(feature) {
        Ok(())
    } else {
        Err(Denied::FeatureNotAllowed {
            feature: feature.clone(),
        })
    }
}

/// Resource access covers the resource.
pub(crate) fn resource_allowed(me: &Member, resource: &ResourceId) -> Result<(), Denied> {
    if me.resource_access.allows(resource) {
        Ok(())
    } else {
        Err(Denied::ResourceNotAllowed {
            resource: resource.clone(),
        })
    }
}

/// A share-governed resource: resource access, then see-all or a share at the
/// level `permission` needs (most permissive share wins).
pub(crate) fn shared_access(
    me: &Member,
    resource: &SharedResource,
    groups: &GroupGraph,
    permission: Permission,
) -> Result<Basis, Denied> {
    resource_allowed(me, &resource.id)?;
    if me.effective_permissions().contains(SEE_ALL_SHARED) {
        return Ok(Basis::SeeAllShared);
    }
    match share_level(me, resource, groups) {
        None => Err(Denied::NotShared),
        Some((level, via)) if level >= ShareLevel::needed_for(permission) => {
            Ok(Basis::Share { level, via })
        }
        Some(_) => Err(Denied::ViewOnly),
    }
}

#[cfg(test)]
mod tests;
