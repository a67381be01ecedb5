//! `Denied`: why an action was refused, as product copy with a stable code and
//! an HTTP-mappable kind. Invariant: a non-member is told "not found", never
//! that the workspace exists.

use serde::{Deserialize, Serialize};

use crate::ids::ResourceId;
use crate::member::MemberStatus;
use crate::permission::{Permission, PermissionSet};
use crate::values::FeatureKey;

/// How the server maps a denial to HTTP.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DenialKind {
    /// 403: signed in, not allowed.
    Forbidden,
    /// 409: conflicts with the current state (e.g. the last owner).
    Conflict,
    /// 422: well formed but refused by a rule.
    Invalid,
    /// 404: not found or not visible to you.
    NotFound,
}

impl DenialKind {
    /// The HTTP status code.
    pub const fn status(self) -> u16 {
        match self {
            DenialKind::Forbidden => 403,
            DenialKind::Conflict => 409,
            DenialKind::Invalid => 422,
            DenialKind::NotFound => 404,
        }
    }
}

/// Why an action was refused. `Display` is the product copy the UI shows.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Denied {
    /// The actor is not a member of the workspace (shown as "not found").
    #[error("This workspace does not exist or you are not a member of it.")]
    NotAMember,
    /// The actor is invited or deactivated.
    #[error("{}", inactive_copy(*.status))]
    InactiveMember {
        /// The actor's status.
        status: MemberStatus,
    },
    /// The actor's role lacks the permission.
    #[error("Your role does not allow this ({}).", .permission.label())]
    NotAllowed {
        /// The permission that was missing.
        permission: Permission,
    },
    /// The change would leave no active owner.
    #[error("A workspace must keep at least one owner. Make someone else an owner first.")]
    LastOwner,
    /// Changing one's own role.
    #[error("You cannot change your own role. Ask another owner.")]
    OwnRole,
    /// Changing one's own feature or resource access.
    #[error("You cannot change your own access. Ask an owner.")]
    OwnAccess,
    /// Deactivating or reactivating oneself.
    #[error("You cannot change your own status. To go, leave the workspace.")]
    OwnStatus,
    /// Only an owner may act on an owner (or transfer ownership).
    #[error("Only an owner can do this to an owner.")]
    OwnerOnly,
    /// The target holds permissions the actor lacks.
    #[error("This member has permissions you do not have, so you cannot change them.")]
    Outranked {
        /// What the target holds that the actor does not.
        missing: PermissionSet,
    },
    /// Granting permissions one does not hold.
    #[error("You cannot grant permissions you do not have yourself.")]
    Escalation {
        /// What would be granted that the actor does not hold.
        missing: PermissionSet,
    },
    /// Granting a feature one does not have.
    #[error("You cannot grant access to features you cannot use yourself.")]
    FeatureEscalation {
        /// The features (empty when "all" was asked by someone with a list).
        missing: Vec<FeatureKey>,
    },
    /// Granting a resource one cannot reach.
    #[error("You cannot grant access to resources you cannot reach yourself.")]
    ResourceEscalation {
        /// The resources (empty when "all" was asked by someone with a list).
        missing: Vec<ResourceId>,
    },
    /// Making a non-admin an owner.
    #[error("Only an Admin can become an Owner. Make them an Admin first.")]
    OwnerRequiresAdmin,
    /// A custom role may not hold this permission.
    #[error("A custom role cannot include \u{201c}{}\u{201d}: only the owner has it.", .permission.label())]
    OwnerOnlyPermission {
        /// The refused permission.
        permission: Permission,
    },
    /// Ownership may only go to a current Admin.
    #[error("Ownership can only be transferred to an active Admin. Make them an Admin first.")]
    TransferTargetNotAdmin,
    /// The target is not active.
    #[error("This member is not active.")]
    TargetInactive,
    /// A confirmation was not given.
    #[error("Please confirm this action.")]
    ConfirmationRequired,
    /// The typed confirmation does not match.
    #[error("Type the workspace's name exactly to confirm.")]
    ConfirmationMismatch,
    /// Removing oneself.
    #[error("You cannot remove yourself. Leave the workspace instead.")]
    CannotRemoveSelf,
    /// Removing an owner.
    #[error("Owners cannot be removed. Change their role first.")]
    CannotRemoveOwner,
    /// The status already is what was asked.
    #[error("This member already has that status.")]
    StatusUnchanged,
    /// Deactivating someone who has not joined.
    #[error("This person has not joined yet. Revoke the invitation instead.")]
    TargetInvited,
    /// The region of a workspace is fixed.
    #[error("A workspace's region cannot be changed after it is created.")]
    RegionImmutable,
    /// Changes to an archived workspace.
    #[error("This workspace is archived. Nothing can be changed in it.")]
    WorkspaceArchived,
    /// Answering an invitation one does not have.
    #[error("There is no pending invitation to answer.")]
    NoPendingInvitation,
    /// The plan's seats are used up.
    #[error("All {limit} seats of this plan are taken. Upgrade the plan or remove members.")]
    SeatLimit {
        /// The plan's seat limit.
        limit: u32,
    },
    /// A shared resource that the actor cannot see.
    #[error("This collection does not exist or is not shared with you.")]
    NotShared,
    /// A shared resource the actor may only view.
    #[error("This collection is shared with you for viewing only.")]
    ViewOnly,
    /// A resource outside the actor's resource access.
    #[error("You do not have access to this resource.")]
    ResourceNotAllowed {
        /// The resource.
        resource: ResourceId,
    },
    /// A feature outside the actor's feature access.
    #[error("You do not have access to this feature.")]
    FeatureNotAllowed {
        /// The feature.
        feature: FeatureKey,
    },
}

fn inactive_copy(status: MemberStatus) -> &'static str {
    match status {
        MemberStatus::Deactivated => {
            "Your membership of this workspace is deactivated. Ask an owner to reactivate it."
        }
        MemberStatus::Invited | MemberStatus::Active => {
            "Accept your invitation to this workspace first."
        }
    }
}

impl Denied {
    /// The product copy (same as `Display`).
    pub fn message(&self) -> String {
        self.to_string()
    }

    /// A stable snake_case code for clients and problem bodies.
    pub const fn code(&self) -> &'static str {
        match self {
            Denied::NotAMember => "not_a_member",
            Denied::InactiveMember { .. } => "inactive_member",
            Denied::NotAllowed { .. } => "not_allowed",
            Denied::LastOwner => "last_owner",
            Denied::OwnRole => "own_role",
            Denied::OwnAccess => "own_access",
            Denied::OwnStatus => "own_status",
            Denied::OwnerOnly => "owner_only",
            Denied::Outranked { .. } => "outranked",
            Denied::Escalation { .. } => "escalation",
            Denied::FeatureEscalation { .. } => "feature_escalation",
            Denied::ResourceEscalation { .. } => "resource_escalation",
            Denied::OwnerRequiresAdmin => "owner_requires_admin",
            Denied::OwnerOnlyPermission { .. } => "owner_only_permission",
            Denied::TransferTargetNotAdmin => "transfer_target_not_admin",
            Denied::TargetInactive => "target_inactive",
            Denied::ConfirmationRequired => "confirmation_required",
            Denied::ConfirmationMismatch => "confirmation_mismatch",
            Denied::CannotRemoveSelf => "cannot_remove_self",
            Denied::CannotRemoveOwner => "cannot_remove_owner",
            Denied::StatusUnchanged => "status_unchanged",
            Denied::TargetInvited => "target_invited",
            Denied::RegionImmutable => "region_immutable",
            Denied::WorkspaceArchived => "workspace_archived",
            Denied::NoPendingInvitation => "no_pending_invitation",
            Denied::SeatLimit { .. } => "seat_limit",
            Denied::NotShared => "not_shared",
            Denied::ViewOnly => "view_only",
            Denied::ResourceNotAllowed { .. } => "resource_not_allowed",
            Denied::FeatureNotAllowed { .. } => "feature_not_allowed",
        }
    }

    /// How the server maps it to HTTP (403 / 409 / 422 / 404).
    pub const fn kind(&self) -> DenialKind {
        use DenialKind::*;
        match self {
            Denied::NotAMember | Denied::NotShared => NotFound,
            Denied::InactiveMember { .. }
            | Denied::NotAllowed { .. }
            | Denied::OwnRole
            | Denied::OwnAccess
            | Denied::OwnStatus
            | Denied::OwnerOnly
            | Denied::Outranked { .. }
            | Denied::Escalation { .. }
            | Denied::FeatureEscalation { .. }
            | Denied::ResourceEscalation { .. }
            | Denied::ViewOnly
            | Denied::ResourceNotAllowed { .. }
            | Denied::FeatureNotAllowed { .. } => Forbidden,
            Denied::LastOwner
            | Denied::CannotRemoveOwner
            | Denied::StatusUnchanged
            | Denied::TargetInvited
            | Denied::TargetInactive
            | Denied::WorkspaceArchived
            | Denied::NoPendingInvitation
            | Denied::SeatLimit { .. } => Conflict,
            Denied::OwnerRequiresAdmin
            | Denied::OwnerOnlyPermission { .. }
            | Denied::TransferTargetNotAdmin
            | Denied::ConfirmationRequired
            | Denied::ConfirmationMismatch
            | Denied::CannotRemoveSelf
            | Denied::RegionImmutable => Invalid,
        }
    }

    /// The permission that was missing, where one was.
    pub fn missing_permission(&self) -> Option<Permission> {
        match self {
            Denied::NotAllowed { permission } | Denied::OwnerOnlyPermission { permission } => {
                Some(*permission)
            }
            Denied::Escalation { missing } | Denied::Outranked { missing } => missing.iter().next(),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_kinds_and_copy() {
        let cases = [
            (
                Denied::LastOwner,
                "last_owner",
                409,
                "A workspace must keep at least one owner.",
            ),
            (
                Denied::NotAMember,
                "not_a_member",
                404,
                "This workspace does not exist",
            ),
            (
                Denied::OwnRole,
                "own_role",
                403,
                "You cannot change your own role.",
            ),
            (
                Denied::NotAllowed {
                    permission: Permission::MembersInvite,
                },
                "not_allowed",
                403,
                "Your role does not allow this (Invite members).",
            ),
            (
                Denied::TransferTargetNotAdmin,
                "transfer_target_not_admin",
                422,
                "Ownership can only",
            ),
            (
                Denied::SeatLimit { limit: 5 },
                "seat_limit",
                409,
                "All 5 seats",
            ),
            (
                Denied::InactiveMember {
                    status: MemberStatus::Deactivated,
                },
                "inactive_member",
                403,
                "deactivated",
            ),
        ];
        for (d, code, status, copy) in cases {
            assert_eq!(d.code(), code);
            assert_eq!(d.kind().status(), status, "{code}");
            assert!(d.message().contains(copy), "{code}: {}", d.message());
        }
    }

    #[test]
    fn the_missing_permission_is_reported() {
        let d = Denied::Escalation {
            missing: PermissionSet::of(&[Permission::BillingManage]),
        };
        assert_eq!(d.missing_permission(), Some(Permission::BillingManage));
        assert_eq!(Denied::LastOwner.missing_permission(), None);
        let json = serde_json::to_string(&Denied::NotAllowed {
            permission: Permission::AuditRead,
        })
        .unwrap();
        assert_eq!(json, r#"{"code":"not_allowed","permission":"audit:read"}"#);
    }
}
