//! `Action`: every workspace-scoped thing API.md lets a caller do. Invariant:
//! adding a variant does not compile until `authorize` decides its policy
//! (no `_` arms over actions anywhere).

use serde::{Deserialize, Serialize};

use crate::ids::ResourceId;
use crate::invites::SeatState;
use crate::member::{FeatureAccess, Member, ResourceAccess};
use crate::permission::{Permission, PermissionSet};
use crate::role::Role;
use crate::shares::SharedResource;
use crate::values::FeatureKey;

/// Which parts of a workspace a `PATCH /workspaces/{ws}` touches.
#[derive(Clone, Copy, PartialEq, Eq, Default, Debug, Serialize, Deserialize)]
pub struct WorkspacePatch {
    /// Name, logo, colour, countries or domain.
    pub settings: bool,
    /// Description / home page.
    pub description: bool,
    /// The region (always refused: it is immutable).
    pub region: bool,
}

/// A resource named in a decision request.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ResourceRef {
    /// A resource governed by resource access only (e.g. a connection).
    Plain {
        /// The resource.
        id: ResourceId,
    },
    /// A share-governed resource (a collection) with its shares.
    Shared(SharedResource),
}

impl ResourceRef {
    /// The resource's id.
    pub fn id(&self) -> &ResourceId {
        match self {
            ResourceRef::Plain { id } => id,
            ResourceRef::Shared(s) => &s.id,
        }
    }
}

/// Everything a caller can ask to do inside one workspace.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    // Workspace
    /// `GET /workspaces/{ws}`.
    ReadWorkspace,
    /// `PATCH /workspaces/{ws}`.
    UpdateWorkspace {
        /// What the patch touches.
        patch: WorkspacePatch,
    },
    /// Update only the description / home page.
    UpdateDescription,
    /// `POST /workspaces/{ws}/archive`.
    ArchiveWorkspace,
    /// `DELETE /workspaces/{ws}` with `{"confirm": "<name>"}`.
    DeleteWorkspace {
        /// What the caller typed.
        confirm: String,
    },
    /// `GET /workspaces/{ws}/config[/{key}]`.
    ReadConfig,
    /// `PUT/DELETE /workspaces/{ws}/config/{key}`.
    WriteConfig,

    // Members
    /// `GET /workspaces/{ws}/members`.
    ListMembers,
    /// `PATCH …/members/{member}` `{role}`.
    ChangeRole {
        /// Whose role.
        target: Member,
        /// The resolved new role.
        new_role: Role,
    },
    /// `PATCH …/members/{member}` `{feature_access}`.
    ChangeFeatureAccess {
        /// Whose access.
        target: Member,
        /// The new access.
        access: FeatureAccess,
    },
    /// `PATCH …/members/{member}` `{resource_access}`.
    ChangeResourceAccess {
        /// Whose access.
        target: Member,
        /// The new access.
        access: ResourceAccess,
    },
    /// `PATCH …/members/{member}` `{status: "deactivated"}`.
    Deactivate {
        /// Who.
        target: Member,
    },
    /// `PATCH …/members/{member}` `{status: "active"}`.
    Reactivate {
        /// Who.
        target: Member,
        /// Seats: a reactivated member takes one again.
        seat: SeatState,
    },
    /// `DELETE …/members/{member}`.
    Remove {
        /// Who.
        target: Member,
    },
    /// `POST /workspaces/{ws}/leave`.
    Leave,
    /// `POST /workspaces/{ws}/ownership-transfer`.
    TransferOwnership {
        /// The Admin who becomes Owner.
        target: Member,
        /// `confirm: true` was sent.
        confirmed: bool,
    },

    // Invitations
    /// Inviting at all (the whole batch is refused with 403 without it).
    InviteMembers,
    /// One invitation row: may the caller grant this role and access?
    Invite {
        /// The role the invitee gets.
        role: Role,
        /// Their feature access.
        feature_access: FeatureAccess,
        /// Their resource access.
        resource_access: ResourceAccess,
    },
    /// `GET /workspaces/{ws}/invitations`.
    ListInvitations,
    /// `POST …/invitations/{id}/resend`.
    ResendInvitation,
    /// `GET …/invitations/{id}/link`.
    CopyInvitationLink,
    /// `DELETE …/invitations/{id}`.
    RevokeInvitation,
    /// `POST /invitations/{id}/accept` (the actor is the invited member).
    AcceptInvitation {
        /// Seats, re-checked at accept time.
        seat: SeatState,
    },
    /// `POST /invitations/{id}/decline`.
    DeclineInvitation,

    // Access model
    /// `GET …/roles`.
    ListRoles,
    /// `POST/PATCH …/roles`: a custom role with these permissions.
    SaveRole {
        /// The role's permissions.
        permissions: PermissionSet,
    },
    /// `DELETE …/roles/{role}`.
    DeleteRole,
    /// `GET …/groups`.
    ListGroups,
    /// `POST/PATCH/DELETE …/groups`, `PUT …/members`, `groups:sync`.
    ManageGroups,
    /// `GET …/collections` (the list is then filtered by visibility).
    ListCollections,
    /// Open one collection.
    ReadCollection {
        /// The collection and its shares.
        collection: SharedResource,
    },
    /// `POST …/collections`.
    CreateCollection,
    /// Change a collection's content.
    EditCollection {
        /// The collection and its shares.
        collection: SharedResource,
    },
    /// `PUT …/collections/{c}/shares`.
    ShareCollection {
        /// The collection and its shares.
        collection: SharedResource,
    },
    /// Delete a collection.
    DeleteCollection {
        /// The collection and its shares.
        collection: SharedResource,
    },
    /// `GET …/resources`.
    ListResources,
    /// `POST …/resources`.
    ManageResources,
    /// Manage connections and rotate credentials.
    ManageConnections,
    /// `GET …/api-keys`, `PATCH` name/expiry.
    ManageApiKeys,
    /// `POST …/api-keys` with a role.
    CreateApiKey {
        /// The key's role.
        role: Role,
    },
    /// `DELETE …/api-keys/{key}` (the key as a member).
    RevokeApiKey {
        /// The key's membership.
        target: Member,
    },
    /// The host product's question: may the actor use `permission` (on a
    /// feature, on a resource)?
    Use {
        /// The permission.
        permission: Permission,
        /// The feature, if the check is about one.
        feature: Option<FeatureKey>,
        /// The resource, if the check is about one.
        resource: Option<ResourceRef>,
    },
    /// `POST /authorize` about another principal.
    CheckAccessOfOthers,

    // Everything else
    /// `GET …/domains`.
    ListDomains,
    /// Claim, verify, set enrollment, release.
    ManageDomains,
    /// `GET …/audit`.
    ReadAudit,
    /// `…/webhooks`.
    ManageWebhooks,
    /// `…/channels`.
    ManageChannels,
    /// Usage KPIs, series, heatmap, leaderboard, CSV.
    ReadUsage,
    /// Report usage events.
    ReportUsage,
    /// `…/billing` (read and change: owner only).
    ManageBilling,
    /// `POST …/embed-tokens`.
    CreateEmbedToken,
}

impl Action {
    /// Whether the action only reads, or is otherwise allowed in an archived
    /// workspace (leaving it, billing, deleting it, answering invitations).
    pub fn allowed_when_archived(&self) -> bool {
        match self {
            Action::ReadWorkspace
            | Action::ReadConfig
            | Action::ListMembers
            | Action::ListInvitations
            | Action::CopyInvitationLink
            | Action::ListRoles
            | Action::ListGroups
            | Action::ListCollections
            | Action::ReadCollection { .. }
            | Action::ListResources
            | Action::CheckAccessOfOthers
            | Action::ListDomains
            | Action::ReadAudit
            | Action::ReadUsage
            | Action::DeleteWorkspace { .. }
            | Action::Leave
            | Action::ManageBilling
            | Action::DeclineInvitation
            | Action::RevokeInvitation => true,
            Action::Use { permission, .. } => permission.is_read(),
            Action::UpdateWorkspace { .. }
            | Action::UpdateDescription
            | Action::ArchiveWorkspace
            | Action::WriteConfig
            | Action::ChangeRole { .. }
            | Action::ChangeFeatureAccess { .. }
            | Action::ChangeResourceAccess { .. }
            | Action::Deactivate { .. }
            | Action::Reactivate { .. }
            | Action::Remove { .. }
            | Action::TransferOwnership { .. }
            | Action::InviteMembers
            | Action::Invite { .. }
            | Action::ResendInvitation
            | Action::AcceptInvitation { .. }
            | Action::SaveRole { .. }
            | Action::DeleteRole
            | Action::ManageGroups
            | Action::CreateCollection
            | Action::EditCollection { .. }
            | Action::ShareCollection { .. }
            | Action::DeleteCollection { .. }
            | Action::ManageResources
            | Action::ManageConnections
            | Action::ManageApiKeys
            | Action::CreateApiKey { .. }
            | Action::RevokeApiKey { .. }
            | Action::ManageDomains
            | Action::ManageWebhooks
            | Action::ManageChannels
            | Action::ReportUsage
            | Action::CreateEmbedToken => false,
        }
    }

    /// A short stable name for the matrix snapshot and logs.
    pub fn name(&self) -> &'static str {
        match self {
            Action::ReadWorkspace => "read_workspace",
            Action::UpdateWorkspace { .. } => "update_workspace",
            Action::UpdateDescription => "update_description",
            Action::ArchiveWorkspace => "archive_workspace",
            Action::DeleteWorkspace { .. } => "delete_workspace",
            Action::ReadConfig => "read_config",
            Action::WriteConfig => "write_config",
            Action::ListMembers => "list_members",
            Action::ChangeRole { .. } => "change_role",
            Action::ChangeFeatureAccess { .. } => "change_feature_access",
            Action::ChangeResourceAccess { .. } => "change_resource_access",
            Action::Deactivate { .. } => "deactivate",
            Action::Reactivate { .. } => "reactivate",
            Action::Remove { .. } => "remove",
            Action::Leave => "leave",
            Action::TransferOwnership { .. } => "transfer_ownership",
            Action::InviteMembers => "invite_members",
            Action::Invite { .. } => "invite",
            Action::ListInvitations => "list_invitations",
            Action::ResendInvitation => "resend_invitation",
            Action::CopyInvitationLink => "copy_invitation_link",
            Action::RevokeInvitation => "revoke_invitation",
            Action::AcceptInvitation { .. } => "accept_invitation",
            Action::DeclineInvitation => "decline_invitation",
            Action::ListRoles => "list_roles",
            Action::SaveRole { .. } => "save_role",
            Action::DeleteRole => "delete_role",
            Action::ListGroups => "list_groups",
            Action::ManageGroups => "manage_groups",
            Action::ListCollections => "list_collections",
            Action::ReadCollection { .. } => "read_collection",
            Action::CreateCollection => "create_collection",
            Action::EditCollection { .. } => "edit_collection",
            Action::ShareCollection { .. } => "share_collection",
            Action::DeleteCollection { .. } => "delete_collection",
            Action::ListResources => "list_resources",
            Action::ManageResources => "manage_resources",
            Action::ManageConnections => "manage_connections",
            Action::ManageApiKeys => "manage_api_keys",
            Action::CreateApiKey { .. } => "create_api_key",
            Action::RevokeApiKey { .. } => "revoke_api_key",
            Action::Use { .. } => "use",
            Action::CheckAccessOfOthers => "check_access_of_others",
            Action::ListDomains => "list_domains",
            Action::ManageDomains => "manage_domains",
            Action::ReadAudit => "read_audit",
            Action::ManageWebhooks => "manage_webhooks",
            Action::ManageChannels => "manage_channels",
            Action::ReadUsage => "read_usage",
            Action::ReportUsage => "report_usage",
            Action::ManageBilling => "manage_billing",
            Action::CreateEmbedToken => "create_embed_token",
        }
    }
}
