//! The permission model's inputs built from what the page loaded: the signed-in
//! member as `Actor`, each row as a `Member`, and the workspace `Facts`. The
//! verdicts themselves come only from `roster_model` (invariant 1).

use roster_api::{MeResponse, MemberResponse};
use roster_model::{
    Action, Actor, BuiltinRole, Capabilities, Denied, Facts, FeatureAccess, Member, MemberId,
    MemberStatus, Principal, ResourceAccess, Role, RoleCatalogue, SeatState, UserId, authorize,
    capabilities,
};

/// A wire row as the model's `Member` (`None` for a role this app cannot resolve).
pub fn member_of(r: &MemberResponse) -> Option<Member> {
    let role = RoleCatalogue::default().resolve_str(&r.role)?;
    let principal = Principal::User(UserId::new(r.user_id.clone().unwrap_or_default()));
    Some(Member {
        id: MemberId::new(r.id.clone()),
        principal,
        role,
        status: r.status,
        feature_access: r.feature_access.clone(),
        resource_access: r.resource_access.clone(),
    })
}

/// Who is looking: their own row when it is loaded, else their role from `/me`.
pub fn actor(user_id: &str, my_role: &str, my_status: &str, rows: &[&MemberResponse]) -> Actor {
    if let Some(m) = rows
        .iter()
        .find(|r| r.user_id.as_deref() == Some(user_id))
        .and_then(|r| member_of(r))
    {
        return Actor::Member(m);
    }
    let Some(role) = RoleCatalogue::default().resolve_str(my_role) else {
        return Actor::NonMember;
    };
    let status = match my_status {
        "active" => MemberStatus::Active,
        "invited" => MemberStatus::Invited,
        _ => MemberStatus::Deactivated,
    };
    Actor::Member(Member {
        id: MemberId::new(format!("self-{user_id}")),
        principal: Principal::User(UserId::new(user_id)),
        role,
        status,
        feature_access: FeatureAccess::All,
        resource_access: ResourceAccess::All,
    })
}

/// The workspace facts: active owners among the loaded rows (and the actor).
pub fn facts(name: &str, actor: &Actor, rows: &[&MemberResponse]) -> Facts {
    let mut owners = rows
        .iter()
        .filter(|r| r.status == MemberStatus::Active && r.role == BuiltinRole::Owner.key())
        .count() as u32;
    let me_counted = actor.member().is_some_and(|m| {
        rows.iter()
            .any(|r| r.user_id.as_deref() == m.user().map(UserId::as_str))
    });
    if !me_counted && actor.member().is_some_and(Member::is_active_owner) {
        owners += 1;
    }
    Facts::new(name, owners.max(1))
}

/// The signed-in user as the model's actor in workspace `ws`, the facts a
/// decision there needs (archived or not, from `/me`) and the user id.
pub fn me_in(
    me: Option<&MeResponse>,
    ws: &str,
    rows: &[&MemberResponse],
) -> (Actor, Facts, String) {
    let Some(me) = me else {
        return (Actor::NonMember, Facts::new("", 1), String::new());
    };
    let mine = me.workspaces.iter().find(|w| w.id == ws);
    let (role, status, name, archived) = mine.map_or(("", "", "", false), |w| {
        (
            w.role.as_str(),
            w.status.as_str(),
            w.name.as_str(),
            w.archived,
        )
    });
    let a = actor(&me.user.id, role, status, rows);
    let mut f = facts(name, &a, rows);
    f.archived = archived;
    (a, f, me.user.id.clone())
}

/// The model's verdict on `action`.
pub fn verdict(actor: &Actor, facts: &Facts, action: Action) -> Result<(), Denied> {
    authorize(actor, &action, facts).map(|_| ())
}

/// The built-in roles, owner first.
pub fn builtin_roles() -> Vec<Role> {
    BuiltinRole::ALL.into_iter().map(Role::builtin).collect()
}

/// What the actor may do to one row: the model's verdicts, with the
/// invitation actions for invited rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowActions {
    /// Role change, removal, (de)activation, transfer, access edits.
    pub caps: Capabilities,
    /// Resend / copy link / revoke (only meaningful while invited).
    pub invitation: Result<(), Denied>,
    /// Whether any role other than the current one may be given.
    pub change_role: Result<(), Denied>,
    /// Whether the role editor has anything to offer: a role, feature or
    /// resource change (else the role's refusal).
    pub edit_access: Result<(), Denied>,
}

/// Decides every row action with `roster_model::capabilities`.
pub fn row_actions(actor: &Actor, facts: &Facts, target: &MemberResponse) -> Option<RowActions> {
    let member = member_of(target)?;
    let caps = capabilities(
        actor,
        &member,
        facts,
        &builtin_roles(),
        SeatState::UNLIMITED,
    );
    let invitation = authorize(actor, &Action::ResendInvitation, facts).map(|_| ());
    let others: Vec<&Result<(), Denied>> = caps
        .assignable_roles
        .iter()
        .filter(|(k, _)| k.as_str() != target.role)
        .map(|(_, r)| r)
        .collect();
    let change_role = if others.iter().any(|r| r.is_ok()) {
        Ok(())
    } else {
        others
            .first()
            .map(|r| (*r).clone())
            .unwrap_or(Err(Denied::StatusUnchanged))
    };
    let edit_access = [&caps.edit_feature_access, &caps.edit_resource_access]
        .into_iter()
        .find(|r| r.is_ok())
        .cloned()
        .unwrap_or_else(|| change_role.clone());
    let edit_access = change_role.clone().or(edit_access);
    Some(RowActions {
        caps,
        invitation,
        change_role,
        edit_access,
    })
}

/// Whether the actor may open the invite dialog at all.
pub fn may_invite(actor: &Actor, facts: &Facts) -> Result<(), Denied> {
    authorize(actor, &Action::InviteMembers, facts).map(|_| ())
}

/// A role key's label ("Admin"), or the key itself for custom roles.
pub fn role_label(key: &str) -> String {
    BuiltinRole::parse(key)
        .map(|r| r.label().to_owned())
        .unwrap_or_else(|| key.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::fixtures::member as row;

    #[test]
    fn an_owner_may_transfer_to_an_active_admin_only() {
        let owner = row("o", "owner", MemberStatus::Active);
        let admin = row("a", "admin", MemberStatus::Active);
        let editor = row("e", "editor", MemberStatus::Active);
        let rows = [&owner, &admin, &editor];
        let me = actor("u-o", "owner", "active", &rows);
        let f = facts("Acme", &me, &rows);
        assert!(
            row_actions(&me, &f, &admin)
                .unwrap()
                .caps
                .transfer_ownership
                .is_ok()
        );
        let to_editor = row_actions(&me, &f, &editor).unwrap();
        assert_eq!(
            to_editor.caps.transfer_ownership,
            Err(Denied::TransferTargetNotAdmin)
        );
        assert!(to_editor.change_role.is_ok());
        let own = row_actions(&me, &f, &owner).unwrap();
        assert_eq!(own.change_role, Err(Denied::OwnRole));
        assert_eq!(own.caps.remove, Err(Denied::CannotRemoveSelf));
    }

    #[test]
    fn a_viewer_may_change_nobody_and_may_not_invite() {
        let viewer = row("v", "viewer", MemberStatus::Active);
        let editor = row("e", "editor", MemberStatus::Active);
        let rows = [&viewer, &editor];
        let me = actor("u-v", "viewer", "active", &rows);
        let f = facts("Acme", &me, &rows);
        let acts = row_actions(&me, &f, &editor).unwrap();
        assert_eq!(acts.change_role.unwrap_err().code(), "not_allowed");
        assert_eq!(acts.edit_access.unwrap_err().code(), "not_allowed");
        assert_eq!(acts.invitation.unwrap_err().code(), "not_allowed");
        assert!(may_invite(&me, &f).is_err());
    }

    #[test]
    fn an_archived_workspace_refuses_changes_with_the_models_reason() {
        use roster_api::{MyWorkspaceResponse, UserResponse};
        let me = MeResponse {
            user: UserResponse {
                id: "u-o".into(),
                name: "Olivia".into(),
                email: "o@acme.io".into(),
                avatar_url: None,
            },
            workspaces: vec![MyWorkspaceResponse {
                id: "w1".into(),
                name: "Acme".into(),
                role: "owner".into(),
                status: "active".into(),
                archived: true,
                logo_url: None,
                colour: None,
            }],
            last_workspace_id: None,
            pending_invitations: vec![],
            join_suggestions: vec![],
            csrf_token: String::new(),
        };
        let (a, f, user) = me_in(Some(&me), "w1", &[]);
        assert_eq!(user, "u-o");
        assert!(f.archived);
        assert_eq!(may_invite(&a, &f), Err(Denied::WorkspaceArchived));
        assert_eq!(
            verdict(&a, &f, Action::ArchiveWorkspace),
            Err(Denied::WorkspaceArchived)
        );
        let (a, f, _) = me_in(Some(&me), "elsewhere", &[]);
        assert!(may_invite(&a, &f).is_err(), "not a member there");
    }

    #[test]
    fn the_actor_falls_back_to_the_role_from_me() {
        let me = actor("u-x", "admin", "active", &[]);
        assert!(me.member().unwrap().role.is_admin());
        let f = facts("Acme", &me, &[]);
        assert_eq!(f.active_owner_count, 1);
        assert!(may_invite(&me, &f).is_ok());
        assert_eq!(
            actor("u-x", "nonsense-role", "active", &[]),
            Actor::NonMember
        );
        assert_eq!(role_label("admin"), "Admin");
    }
}
