//! The requests of the role matrix: one row each, the actor being the column's role.

use roster_model::*;

use super::super::fixtures::{member, with_status};

fn collection(shares: Vec<Share>) -> SharedResource {
    SharedResource {
        id: ResourceId::new("reports"),
        shares,
    }
}

/// One row per request; the actor is the column's role, member id `actor`.
pub fn requests() -> Vec<(&'static str, Action)> {
    use BuiltinRole::*;
    let editor = || member("target_editor", Editor);
    let viewer_key = Member::active(
        MemberId::new("key"),
        Principal::ApiKey(ApiKeyId::new("key")),
        Role::builtin(Viewer),
    );
    let to_actor = |level| Share {
        grantee: Grantee::Member(MemberId::new("actor")),
        level,
    };
    let patch = |settings, description| WorkspacePatch {
        settings,
        description,
        region: false,
    };
    vec![
        ("read workspace", Action::ReadWorkspace),
        (
            "update settings",
            Action::UpdateWorkspace {
                patch: patch(true, false),
            },
        ),
        ("update description", Action::UpdateDescription),
        (
            "change region",
            Action::UpdateWorkspace {
                patch: WorkspacePatch {
                    region: true,
                    ..patch(false, false)
                },
            },
        ),
        ("archive workspace", Action::ArchiveWorkspace),
        (
            "delete workspace (confirmed)",
            Action::DeleteWorkspace {
                confirm: "Acme".into(),
            },
        ),
        ("read config", Action::ReadConfig),
        ("write config", Action::WriteConfig),
        ("list members", Action::ListMembers),
        (
            "editor -> viewer",
            Action::ChangeRole {
                target: editor(),
                new_role: Role::builtin(Viewer),
            },
        ),
        (
            "editor -> admin",
            Action::ChangeRole {
                target: editor(),
                new_role: Role::builtin(Admin),
            },
        ),
        (
            "admin -> owner (co-owner)",
            Action::ChangeRole {
                target: member("target_admin", Admin),
                new_role: Role::builtin(Owner),
            },
        ),
        (
            "editor -> owner",
            Action::ChangeRole {
                target: editor(),
                new_role: Role::builtin(Owner),
            },
        ),
        (
            "owner -> admin (2 owners)",
            Action::ChangeRole {
                target: member("target_owner", Owner),
                new_role: Role::builtin(Admin),
            },
        ),
        (
            "change feature access",
            Action::ChangeFeatureAccess {
                target: editor(),
                access: FeatureAccess::Only(Default::default()),
            },
        ),
        (
            "change resource access",
            Action::ChangeResourceAccess {
                target: editor(),
                access: ResourceAccess::Only(Default::default()),
            },
        ),
        ("deactivate editor", Action::Deactivate { target: editor() }),
        (
            "reactivate editor",
            Action::Reactivate {
                target: with_status(editor(), MemberStatus::Deactivated),
                seat: SeatState::UNLIMITED,
            },
        ),
        ("remove editor", Action::Remove { target: editor() }),
        (
            "remove owner",
            Action::Remove {
                target: member("target_owner", Owner),
            },
        ),
        ("leave (2 owners)", Action::Leave),
        (
            "transfer to admin (confirmed)",
            Action::TransferOwnership {
                target: member("target_admin", Admin),
                confirmed: true,
            },
        ),
        ("invite at all", Action::InviteMembers),
        (
            "invite as viewer",
            Action::Invite {
                role: Role::builtin(Viewer),
                feature_access: FeatureAccess::All,
                resource_access: ResourceAccess::All,
            },
        ),
        (
            "invite as admin",
            Action::Invite {
                role: Role::builtin(Admin),
                feature_access: FeatureAccess::All,
                resource_access: ResourceAccess::All,
            },
        ),
        (
            "invite as owner",
            Action::Invite {
                role: Role::builtin(Owner),
                feature_access: FeatureAccess::All,
                resource_access: ResourceAccess::All,
            },
        ),
        ("list invitations", Action::ListInvitations),
        ("resend invitation", Action::ResendInvitation),
        ("copy invitation link", Action::CopyInvitationLink),
        ("revoke invitation", Action::RevokeInvitation),
        (
            "accept invitation",
            Action::AcceptInvitation {
                seat: SeatState::UNLIMITED,
            },
        ),
        ("list roles", Action::ListRoles),
        (
            "save custom role (viewer perms)",
            Action::SaveRole {
                permissions: builtin_permissions(Viewer),
            },
        ),
        ("delete custom role", Action::DeleteRole),
        ("list groups", Action::ListGroups),
        ("manage groups", Action::ManageGroups),
        ("list collections", Action::ListCollections),
        (
            "read unshared collection",
            Action::ReadCollection {
                collection: collection(vec![]),
            },
        ),
        (
            "read collection shared view",
            Action::ReadCollection {
                collection: collection(vec![to_actor(ShareLevel::View)]),
            },
        ),
        (
            "edit collection shared view",
            Action::EditCollection {
                collection: collection(vec![to_actor(ShareLevel::View)]),
            },
        ),
        (
            "edit collection shared edit",
            Action::EditCollection {
                collection: collection(vec![to_actor(ShareLevel::Edit)]),
            },
        ),
        ("create collection", Action::CreateCollection),
        (
            "share collection shared edit",
            Action::ShareCollection {
                collection: collection(vec![to_actor(ShareLevel::Edit)]),
            },
        ),
        (
            "delete collection shared edit",
            Action::DeleteCollection {
                collection: collection(vec![to_actor(ShareLevel::Edit)]),
            },
        ),
        ("list resources", Action::ListResources),
        ("manage resources", Action::ManageResources),
        ("manage connections", Action::ManageConnections),
        (
            "use a connection",
            Action::Use {
                permission: Permission::ConnectionsUse,
                feature: None,
                resource: Some(ResourceRef::Plain {
                    id: ResourceId::new("warehouse"),
                }),
            },
        ),
        (
            "view connection credentials",
            Action::Use {
                permission: Permission::ConnectionsCredentialsView,
                feature: None,
                resource: Some(ResourceRef::Plain {
                    id: ResourceId::new("warehouse"),
                }),
            },
        ),
        (
            "use feature ai_chat",
            Action::Use {
                permission: Permission::ContentRead,
                feature: Some(FeatureKey::parse("ai_chat").unwrap()),
                resource: None,
            },
        ),
        ("manage api keys", Action::ManageApiKeys),
        (
            "create viewer api key",
            Action::CreateApiKey {
                role: Role::builtin(Viewer),
            },
        ),
        (
            "create owner api key",
            Action::CreateApiKey {
                role: Role::builtin(Owner),
            },
        ),
        (
            "revoke viewer api key",
            Action::RevokeApiKey { target: viewer_key },
        ),
        ("ask about others", Action::CheckAccessOfOthers),
        ("list domains", Action::ListDomains),
        ("manage domains", Action::ManageDomains),
        ("read audit log", Action::ReadAudit),
        ("manage webhooks", Action::ManageWebhooks),
        ("manage channels", Action::ManageChannels),
        ("read usage", Action::ReadUsage),
        ("report usage", Action::ReportUsage),
        ("manage billing", Action::ManageBilling),
        ("create embed token", Action::CreateEmbedToken),
    ]
}
