//! The one decision function. Invariant (STYLE.md): `authorize` is the only
//! code that decides whether an action is allowed; its `match` over actions
//! has no `_` arm, and every rule it applies lives in `rules`.

mod action;
mod capabilities;
mod denied;
mod explain;
mod question;
mod rules;

use serde::{Deserialize, Serialize};

pub use action::{Action, ResourceRef, WorkspacePatch};
pub use capabilities::{Capabilities, capabilities};
pub use denied::{DenialKind, Denied};
pub use explain::{Explanation, Step, explain};
pub use question::{Verdict, answer, may_ask_about_others};

use crate::groups::GroupGraph;
use crate::member::{Member, MemberStatus};
use crate::permission::Permission;
use crate::shares::{ShareLevel, ShareVia};

/// Who is acting.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(tag = "kind", content = "member", rename_all = "snake_case")]
pub enum Actor {
    /// A member of the workspace (user or API key), in any status.
    Member(Member),
    /// Signed in, but not a member of this workspace (or not signed in).
    NonMember,
}

impl Actor {
    /// The acting member, if any.
    pub fn member(&self) -> Option<&Member> {
        match self {
            Actor::Member(m) => Some(m),
            Actor::NonMember => None,
        }
    }
}

/// What the server read (in the same transaction) to decide. Small on purpose:
/// member operations never need the whole workspace.
#[derive(Clone, Default, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Facts {
    /// The workspace's current name (to confirm deletion).
    pub workspace_name: String,
    /// Whether the workspace is archived.
    pub archived: bool,
    /// Active owners now, users and API keys together.
    pub active_owner_count: u32,
    /// The part of the group graph that reaches the actor (only needed for
    /// shared resources; empty otherwise).
    pub groups: GroupGraph,
}

impl Facts {
    /// Facts for an active workspace with this name and owner count.
    pub fn new(workspace_name: impl Into<String>, active_owner_count: u32) -> Facts {
        Facts {
            workspace_name: workspace_name.into(),
            archived: false,
            active_owner_count,
            groups: GroupGraph::new(),
        }
    }
}

/// Why an action was allowed.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Grant {
    /// The permission that allowed it (`None` for acts on one's own membership).
    pub permission: Option<Permission>,
    /// Where the access came from.
    pub basis: Basis,
}

impl Grant {
    fn own() -> Grant {
        Grant {
            permission: None,
            basis: Basis::OwnMembership,
        }
    }
}

/// Where an allowed access came from.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Basis {
    /// The actor's role holds the permission.
    Role,
    /// The role holds the permission and a share reaches the actor.
    Share {
        /// The share's level.
        level: ShareLevel,
        /// Direct or through a group.
        via: ShareVia,
    },
    /// The role holds the permission and sees every shared resource.
    SeeAllShared,
    /// Acting on one's own membership (leave, answer an invitation).
    OwnMembership,
}

/// Decides whether `actor` may do `action`, given `facts`.
pub fn authorize(actor: &Actor, action: &Action, facts: &Facts) -> Result<Grant, Denied> {
    let me = rules::member_of(actor)?;
    // An archived workspace refuses writes to everyone, invitees included.
    if facts.archived && !action.allowed_when_archived() {
        return Err(Denied::WorkspaceArchived);
    }
    if me.status == MemberStatus::Invited && is_invitation_answer(action) {
        return decide(me, action, facts);
    }
    rules::is_active(me)?;
    decide(me, action, facts)
}

/// The only actions an invited (not yet active) member may take.
fn is_invitation_answer(action: &Action) -> bool {
    matches!(
        action,
        Action::AcceptInvitation { .. } | Action::DeclineInvitation
    )
}

fn decide(me: &Member, action: &Action, facts: &Facts) -> Result<Grant, Denied> {
    use Permission as P;
    let perm = |p| rules::has_permission(me, p);
    match action {
        Action::ReadWorkspace | Action::ListRoles | Action::ListResources | Action::ListDomains => {
            perm(P::WorkspaceRead)
        }
        Action::UpdateWorkspace { patch } => {
            if patch.region {
                return Err(Denied::RegionImmutable);
            }
            if patch.description && !patch.settings {
                return perm(P::WorkspaceDescriptionUpdate);
            }
            let grant = perm(P::WorkspaceUpdate)?;
            if patch.description {
                perm(P::WorkspaceDescriptionUpdate)?;
            }
            Ok(grant)
        }
        Action::UpdateDescription => perm(P::WorkspaceDescriptionUpdate),
        Action::ArchiveWorkspace => perm(P::WorkspaceArchive),
        Action::DeleteWorkspace { confirm } => {
            let grant = perm(P::WorkspaceDelete)?;
            rules::confirm_matches(confirm, &facts.workspace_name)?;
            Ok(grant)
        }
        Action::ReadConfig => perm(P::ConfigRead),
        Action::WriteConfig => perm(P::ConfigWrite),
        Action::ListMembers | Action::ListGroups => perm(P::MembersRead),
        Action::ChangeRole { target, new_role } => {
            let grant = perm(P::MembersRoleUpdate)?;
            rules::not_self(me, target, Denied::OwnRole)?;
            rules::owner_acts_on_owner(me, target)?;
            rules::outranks(me, target)?;
            rules::no_escalation(me, new_role.permissions())?;
            rules::owner_only_from_admin(Some(&target.role), new_role)?;
            let stays = target.is_active() && new_role.is_owner();
            rules::keeps_an_owner(target, stays, facts.active_owner_count)?;
            Ok(grant)
        }
        Action::ChangeFeatureAccess { target, access } => {
            let grant = perm(P::MembersAccessUpdate)?;
            rules::not_self(me, target, Denied::OwnAccess)?;
            rules::owner_acts_on_owner(me, target)?;
            rules::outranks(me, target)?;
            rules::no_feature_escalation(me, access)?;
            Ok(grant)
        }
        Action::ChangeResourceAccess { target, access } => {
            let grant = perm(P::MembersAccessUpdate)?;
            rules::not_self(me, target, Denied::OwnAccess)?;
            rules::owner_acts_on_owner(me, target)?;
            rules::outranks(me, target)?;
            rules::no_resource_escalation(me, access)?;
            Ok(grant)
        }
        Action::Deactivate { target } => {
            let grant = perm(P::MembersDeactivate)?;
            rules::not_self(me, target, Denied::OwnStatus)?;
            match target.status {
                MemberStatus::Active => {}
                MemberStatus::Deactivated => return Err(Denied::StatusUnchanged),
                MemberStatus::Invited => return Err(Denied::TargetInvited),
            }
            rules::owner_acts_on_owner(me, target)?;
            rules::outranks(me, target)?;
            rules::keeps_an_owner(target, false, facts.active_owner_count)?;
            Ok(grant)
        }
        Action::Reactivate { target, seat } => {
            let grant = perm(P::MembersDeactivate)?;
            rules::not_self(me, target, Denied::OwnStatus)?;
            match target.status {
                MemberStatus::Deactivated => {}
                MemberStatus::Active => return Err(Denied::StatusUnchanged),
                MemberStatus::Invited => return Err(Denied::TargetInvited),
            }
            rules::owner_acts_on_owner(me, target)?;
            rules::outranks(me, target)?;
            rules::seat_available(*seat, 1)?;
            Ok(grant)
        }
        Action::Remove { target } => {
            let grant = perm(P::MembersRemove)?;
            rules::not_self(me, target, Denied::CannotRemoveSelf)?;
            if target.is_owner() {
                return Err(Denied::CannotRemoveOwner);
            }
            rules::outranks(me, target)?;
            rules::keeps_an_owner(target, false, facts.active_owner_count)?;
            Ok(grant)
        }
        Action::Leave => {
            rules::keeps_an_owner(me, false, facts.active_owner_count)?;
            Ok(Grant::own())
        }
        Action::TransferOwnership { target, confirmed } => {
            let grant = perm(P::OwnershipTransfer)?;
            if !me.is_owner() {
                return Err(Denied::OwnerOnly);
            }
            rules::not_self(me, target, Denied::OwnRole)?;
            if !target.role.is_admin() {
                return Err(Denied::TransferTargetNotAdmin);
            }
            if !target.is_active() {
                return Err(Denied::TargetInactive);
            }
            rules::confirmed(*confirmed)?;
            Ok(grant)
        }
        Action::InviteMembers
        | Action::ListInvitations
        | Action::ResendInvitation
        | Action::CopyInvitationLink
        | Action::RevokeInvitation => perm(P::MembersInvite),
        Action::Invite {
            role,
            feature_access,
            resource_access,
        } => {
            let grant = perm(P::MembersInvite)?;
            rules::owner_only_from_admin(None, role)?;
            rules::no_escalation(me, role.permissions())?;
            rules::no_feature_escalation(me, feature_access)?;
            rules::no_resource_escalation(me, resource_access)?;
            Ok(grant)
        }
        Action::AcceptInvitation { seat } => {
            if me.status != MemberStatus::Invited {
                return Err(Denied::NoPendingInvitation);
            }
            // The pending invitation already holds its seat.
            rules::seat_available(*seat, 0)?;
            Ok(Grant::own())
        }
        Action::DeclineInvitation => {
            if me.status != MemberStatus::Invited {
                return Err(Denied::NoPendingInvitation);
            }
            Ok(Grant::own())
        }
        Action::SaveRole { permissions } => {
            let grant = perm(P::RolesManage)?;
            rules::custom_role_allowed(*permissions)?;
            rules::no_escalation(me, *permissions)?;
            Ok(grant)
        }
        Action::DeleteRole => perm(P::RolesManage),
        Action::ManageGroups => perm(P::GroupsManage),
        Action::ListCollections => perm(P::ContentRead),
        Action::CreateCollection => perm(P::ContentCreate),
        Action::ReadCollection { collection } => shared(me, collection, facts, P::ContentRead),
        Action::EditCollection { collection } | Action::ShareCollection { collection } => {
            shared(me, collection, facts, P::ContentEdit)
        }
        Action::DeleteCollection { collection } => shared(me, collection, facts, P::ContentDelete),
        Action::ManageResources => perm(P::ResourcesManage),
        Action::ManageConnections => perm(P::ConnectionsManage),
        Action::ManageApiKeys => perm(P::ApiKeysManage),
        Action::CreateApiKey { role } => {
            let grant = perm(P::ApiKeysManage)?;
            rules::no_escalation(me, role.permissions())?;
            Ok(grant)
        }
        Action::RevokeApiKey { target } => {
            let grant = perm(P::ApiKeysManage)?;
            rules::owner_acts_on_owner(me, target)?;
            rules::outranks(me, target)?;
            rules::keeps_an_owner(target, false, facts.active_owner_count)?;
            Ok(grant)
        }
        Action::Use {
            permission,
            feature,
            resource,
        } => {
            let grant = perm(*permission)?;
            if let Some(f) = feature {
                rules::feature_allowed(me, f)?;
            }
            match resource {
                None => Ok(grant),
                Some(ResourceRef::Plain { id }) => {
                    rules::resource_allowed(me, id)?;
                    Ok(grant)
                }
                Some(ResourceRef::Shared(r)) => shared(me, r, facts, *permission),
            }
        }
        Action::CheckAccessOfOthers => perm(P::AuthorizeCheck),
        Action::ManageDomains => perm(P::DomainsManage),
        Action::ReadAudit => perm(P::AuditRead),
        Action::ManageWebhooks => perm(P::WebhooksManage),
        Action::ManageChannels => perm(P::ChannelsManage),
        Action::ReadUsage => perm(P::UsageRead),
        Action::ReportUsage => perm(P::UsageWrite),
        Action::ManageBilling => perm(P::BillingManage),
        Action::CreateEmbedToken => perm(P::EmbedTokensCreate),
    }
}

fn shared(
    me: &Member,
    resource: &crate::shares::SharedResource,
    facts: &Facts,
    permission: Permission,
) -> Result<Grant, Denied> {
    rules::has_permission(me, permission)?;
    let basis = rules::shared_access(me, resource, &facts.groups, permission)?;
    Ok(Grant {
        permission: Some(permission),
        basis,
    })
}

#[cfg(test)]
mod tests;
