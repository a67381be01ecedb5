//! What the actor may do to one member, for the team table's menus. Invariant:
//! computed by calling `authorize`, so a button the UI shows is exactly a
//! request the server accepts.

use crate::decision::{Action, Actor, Denied, Facts, authorize};
use crate::invites::SeatState;
use crate::member::{FeatureAccess, Member, ResourceAccess};
use crate::role::{Role, RoleKey};

/// Per control: `Ok(())` to enable it, or the reason to show when disabled.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Capabilities {
    /// Each offered role, and whether the actor may set it on the target.
    pub assignable_roles: Vec<(RoleKey, Result<(), Denied>)>,
    /// Remove the member.
    pub remove: Result<(), Denied>,
    /// Deactivate the member.
    pub deactivate: Result<(), Denied>,
    /// Reactivate the member.
    pub reactivate: Result<(), Denied>,
    /// Transfer ownership to the member.
    pub transfer_ownership: Result<(), Denied>,
    /// Change the member's feature access (to at most the actor's own).
    pub edit_feature_access: Result<(), Denied>,
    /// Change the member's resource access (to at most the actor's own).
    pub edit_resource_access: Result<(), Denied>,
}

/// What `actor` may do to `target`. `roles` are the roles the picker offers;
/// `seat` is used for reactivation.
pub fn capabilities(
    actor: &Actor,
    target: &Member,
    facts: &Facts,
    roles: &[Role],
    seat: SeatState,
) -> Capabilities {
    let check = |action: Action| authorize(actor, &action, facts).map(|_| ());
    let target = || target.clone();
    Capabilities {
        assignable_roles: roles
            .iter()
            .map(|r| {
                let res = check(Action::ChangeRole {
                    target: target(),
                    new_role: r.clone(),
                });
                (r.key().clone(), res)
            })
            .collect(),
        remove: check(Action::Remove { target: target() }),
        deactivate: check(Action::Deactivate { target: target() }),
        reactivate: check(Action::Reactivate {
            target: target(),
            seat,
        }),
        transfer_ownership: check(Action::TransferOwnership {
            target: target(),
            confirmed: true,
        }),
        // Probe with the narrowest access: it never escalates, so the answer
        // is about whether the actor may edit at all.
        edit_feature_access: check(Action::ChangeFeatureAccess {
            target: target(),
            access: FeatureAccess::Only(Default::default()),
        }),
        edit_resource_access: check(Action::ChangeResourceAccess {
            target: target(),
            access: ResourceAccess::Only(Default::default()),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{MemberId, UserId};
    use crate::member::Principal;
    use crate::role::BuiltinRole::{self, *};

    fn m(id: &str, role: BuiltinRole) -> Member {
        Member::active(
            MemberId::new(id),
            Principal::User(UserId::new(id)),
            Role::builtin(role),
        )
    }

    #[test]
    fn an_owner_looking_at_an_admin_may_do_everything_but_reactivate() {
        let roles: Vec<Role> = BuiltinRole::ALL.into_iter().map(Role::builtin).collect();
        let caps = capabilities(
            &Actor::Member(m("o", Owner)),
            &m("a", Admin),
            &Facts::new("W", 1),
            &roles,
            SeatState::UNLIMITED,
        );
        assert!(caps.assignable_roles.iter().all(|(_, r)| r.is_ok()));
        assert!(caps.remove.is_ok() && caps.deactivate.is_ok() && caps.transfer_ownership.is_ok());
        assert_eq!(caps.reactivate, Err(Denied::StatusUnchanged));
        assert!(caps.edit_feature_access.is_ok() && caps.edit_resource_access.is_ok());
    }

    #[test]
    fn an_admin_looking_at_an_editor_may_change_nothing() {
        let roles = [Role::builtin(Viewer)];
        let caps = capabilities(
            &Actor::Member(m("a", Admin)),
            &m("e", Editor),
            &Facts::new("W", 1),
            &roles,
            SeatState::UNLIMITED,
        );
        assert_eq!(
            caps.assignable_roles[0].1.as_ref().unwrap_err().code(),
            "not_allowed"
        );
        assert_eq!(caps.remove.unwrap_err().code(), "not_allowed");
        assert_eq!(caps.transfer_ownership.unwrap_err().code(), "not_allowed");
    }

    #[test]
    fn nobody_sees_controls_for_themselves() {
        let me = m("o", Owner);
        let caps = capabilities(
            &Actor::Member(me.clone()),
            &me,
            &Facts::new("W", 2),
            &[Role::builtin(Admin)],
            SeatState::UNLIMITED,
        );
        assert_eq!(caps.assignable_roles[0].1, Err(Denied::OwnRole));
        assert_eq!(caps.remove, Err(Denied::CannotRemoveSelf));
        assert_eq!(caps.deactivate, Err(Denied::OwnStatus));
        assert_eq!(caps.edit_feature_access, Err(Denied::OwnAccess));
    }
}
