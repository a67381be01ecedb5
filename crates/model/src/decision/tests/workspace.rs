//! Access changes, workspace-level actions, archived workspaces, inactive actors, API keys.

use super::*;

#[test]
fn access_changes_need_the_permission_and_no_escalation() {
    let key = |k: &str| FeatureKey::parse(k).unwrap();
    let mut limited_owner = m("o", Owner);
    limited_owner.feature_access = FeatureAccess::Only([key("dashboard")].into_iter().collect());
    limited_owner.resource_access =
        ResourceAccess::Only([ResourceId::new("r1")].into_iter().collect());
    let only_f = |k: &str| FeatureAccess::Only([key(k)].into_iter().collect());
    let only_r = |r: &str| ResourceAccess::Only([ResourceId::new(r)].into_iter().collect());
    let cases = [
        (
            m("o", Owner),
            Action::ChangeFeatureAccess {
                target: m("a", Admin),
                access: only_f("ai_chat"),
            },
            "ok",
        ),
        (
            m("a", Admin),
            Action::ChangeFeatureAccess {
                target: m("e", Editor),
                access: only_f("ai_chat"),
            },
            "not_allowed",
        ),
        (
            m("o", Owner),
            Action::ChangeFeatureAccess {
                target: m("o", Owner),
                access: only_f("ai_chat"),
            },
            "own_access",
        ),
        (
            limited_owner.clone(),
            Action::ChangeFeatureAccess {
                target: m("a", Admin),
                access: only_f("dashboard"),
            },
            "ok",
        ),
        (
            limited_owner.clone(),
            Action::ChangeFeatureAccess {
                target: m("a", Admin),
                access: only_f("ai_chat"),
            },
            "feature_escalation",
        ),
        (
            limited_owner.clone(),
            Action::ChangeFeatureAccess {
                target: m("a", Admin),
                access: FeatureAccess::All,
            },
            "feature_escalation",
        ),
        (
            limited_owner.clone(),
            Action::ChangeResourceAccess {
                target: m("a", Admin),
                access: only_r("r1"),
            },
            "ok",
        ),
        (
            limited_owner.clone(),
            Action::ChangeResourceAccess {
                target: m("a", Admin),
                access: only_r("r2"),
            },
            "resource_escalation",
        ),
        (
            m("o", Owner),
            Action::ChangeResourceAccess {
                target: m("o", Owner),
                access: only_r("r1"),
            },
            "own_access",
        ),
    ];
    for (actor, action, want) in cases {
        assert_eq!(
            code(authorize(
                &Actor::Member(actor),
                &action,
                &Facts::new("W", 1)
            )),
            want,
            "{action:?}"
        );
    }
}

#[test]
fn workspace_level_actions_table() {
    let patch = |settings, description, region| Action::UpdateWorkspace {
        patch: WorkspacePatch {
            settings,
            description,
            region,
        },
    };
    let cases = [
        (Editor, patch(false, true, false), "ok"),
        (Editor, patch(true, false, false), "not_allowed"),
        (Admin, patch(true, true, false), "ok"),
        (Owner, patch(false, false, true), "region_immutable"),
        (Admin, Action::ArchiveWorkspace, "ok"),
        (Editor, Action::ArchiveWorkspace, "not_allowed"),
        (
            Owner,
            Action::DeleteWorkspace {
                confirm: "Acme".into(),
            },
            "ok",
        ),
        (
            Owner,
            Action::DeleteWorkspace {
                confirm: "acme".into(),
            },
            "confirmation_mismatch",
        ),
        (
            Owner,
            Action::DeleteWorkspace {
                confirm: " ".into(),
            },
            "confirmation_required",
        ),
        (
            Admin,
            Action::DeleteWorkspace {
                confirm: "Acme".into(),
            },
            "not_allowed",
        ),
        (Admin, Action::ManageBilling, "not_allowed"),
        (Owner, Action::ManageBilling, "ok"),
        (Viewer, Action::ReadConfig, "ok"),
        (Viewer, Action::WriteConfig, "not_allowed"),
        (
            Owner,
            Action::SaveRole {
                permissions: PermissionSet::of(&[Permission::BillingManage]),
            },
            "owner_only_permission",
        ),
        (
            Owner,
            Action::SaveRole {
                permissions: PermissionSet::of(&[Permission::MembersInvite]),
            },
            "ok",
        ),
        (
            Admin,
            Action::SaveRole {
                permissions: PermissionSet::EMPTY,
            },
            "not_allowed",
        ),
        (Admin, Action::CreateApiKey { role: role(Viewer) }, "ok"),
        (
            Admin,
            Action::CreateApiKey { role: role(Owner) },
            "escalation",
        ),
    ];
    for (r, action, want) in cases {
        assert_eq!(
            code(authorize(
                &Actor::Member(m("x", r)),
                &action,
                &Facts::new("Acme", 1)
            )),
            want,
            "{r:?} {action:?}"
        );
    }
}

#[test]
fn archived_workspaces_allow_reads_and_the_way_out_only() {
    let mut facts = Facts::new("Acme", 2);
    facts.archived = true;
    let owner = Actor::Member(m("o", Owner));
    let cases = [
        (Action::ReadWorkspace, "ok"),
        (Action::ListMembers, "ok"),
        (Action::Leave, "ok"),
        (
            Action::DeleteWorkspace {
                confirm: "Acme".into(),
            },
            "ok",
        ),
        (Action::WriteConfig, "workspace_archived"),
        (Action::InviteMembers, "workspace_archived"),
        (
            Action::Use {
                permission: Permission::ContentRead,
                feature: None,
                resource: None,
            },
            "ok",
        ),
        (
            Action::Use {
                permission: Permission::ContentEdit,
                feature: None,
                resource: None,
            },
            "workspace_archived",
        ),
    ];
    for (action, want) in cases {
        assert_eq!(code(authorize(&owner, &action, &facts)), want, "{action:?}");
    }
    // Nobody joins an archived workspace; declining is still possible.
    let invited = Actor::Member(with_status(m("i", Admin), MemberStatus::Invited));
    let accept = Action::AcceptInvitation {
        seat: SeatState::UNLIMITED,
    };
    assert_eq!(
        code(authorize(&invited, &accept, &facts)),
        "workspace_archived"
    );
    assert_eq!(
        code(authorize(&invited, &Action::DeclineInvitation, &facts)),
        "ok"
    );
}

#[test]
fn invited_deactivated_and_strangers_can_do_nothing_but_answer() {
    let facts = Facts::new("W", 1);
    let invited = Actor::Member(with_status(m("i", Owner), MemberStatus::Invited));
    let deact = Actor::Member(with_status(m("d", Owner), MemberStatus::Deactivated));
    let full = SeatState {
        limit: Some(2),
        used: 3,
    };
    let cases = [
        (&invited, Action::ReadWorkspace, "inactive_member"),
        (
            &invited,
            Action::AcceptInvitation {
                seat: SeatState::UNLIMITED,
            },
            "ok",
        ),
        (
            &invited,
            Action::AcceptInvitation { seat: full },
            "seat_limit",
        ),
        (&invited, Action::DeclineInvitation, "ok"),
        (&deact, Action::ReadWorkspace, "inactive_member"),
        (
            &deact,
            Action::AcceptInvitation {
                seat: SeatState::UNLIMITED,
            },
            "inactive_member",
        ),
        (&deact, Action::Leave, "inactive_member"),
        (&Actor::NonMember, Action::ReadWorkspace, "not_a_member"),
        (
            &Actor::NonMember,
            Action::AcceptInvitation {
                seat: SeatState::UNLIMITED,
            },
            "not_a_member",
        ),
    ];
    for (actor, action, want) in cases {
        assert_eq!(code(authorize(actor, &action, &facts)), want, "{action:?}");
    }
    let active = Actor::Member(m("a", Admin));
    assert_eq!(
        code(authorize(&active, &Action::DeclineInvitation, &facts)),
        "no_pending_invitation"
    );
    assert_eq!(Denied::NotAMember.kind(), DenialKind::NotFound);
}

#[test]
fn api_keys_follow_the_same_rules() {
    let key = Member::active(
        MemberId::new("k"),
        Principal::ApiKey(ApiKeyId::new("k")),
        role(Admin),
    );
    let actor = Actor::Member(key.clone());
    let facts = Facts::new("W", 1);
    assert_eq!(
        code(authorize(&actor, &Action::InviteMembers, &facts)),
        "ok"
    );
    let demote_owner = Action::ChangeRole {
        target: m("o", Owner),
        new_role: role(Viewer),
    };
    assert_eq!(
        code(authorize(&actor, &demote_owner, &facts)),
        "not_allowed"
    );
    let self_promote = Action::ChangeRole {
        target: key,
        new_role: role(Owner),
    };
    assert_eq!(
        code(authorize(&actor, &self_promote, &facts)),
        "not_allowed"
    );
}
