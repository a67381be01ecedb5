//! Test tables, one per rule.

use super::*;
use crate::ids::{GroupId, MemberId, UserId};
use crate::member::Principal;
use crate::role::BuiltinRole::{self, *};
use crate::shares::{Grantee, Share, ShareVia};

fn m(id: &str, role: BuiltinRole, status: MemberStatus) -> Member {
    let mut m = Member::active(
        MemberId::new(id),
        Principal::User(UserId::new(id)),
        Role::builtin(role),
    );
    m.status = status;
    m
}
const A: MemberStatus = MemberStatus::Active;
const I: MemberStatus = MemberStatus::Invited;
const D: MemberStatus = MemberStatus::Deactivated;

#[test]
fn keeps_an_owner_table() {
    let cases = [
        (Owner, A, false, 1, Err(Denied::LastOwner)),
        (Owner, A, false, 0, Err(Denied::LastOwner)),
        (Owner, A, false, 2, Ok(())),
        (Owner, A, true, 1, Ok(())),
        (Owner, D, false, 1, Ok(())),
        (Owner, I, false, 1, Ok(())),
        (Admin, A, false, 1, Ok(())),
    ];
    for (role, status, stays, count, want) in cases {
        let t = m("t", role, status);
        assert_eq!(
            keeps_an_owner(&t, stays, count),
            want,
            "{role:?} {status:?} {stays} {count}"
        );
    }
}

#[test]
fn is_active_table() {
    assert_eq!(is_active(&m("a", Owner, A)), Ok(()));
    assert_eq!(
        is_active(&m("a", Owner, I)),
        Err(Denied::InactiveMember { status: I })
    );
    assert_eq!(
        is_active(&m("a", Owner, D)),
        Err(Denied::InactiveMember { status: D })
    );
    assert_eq!(member_of(&Actor::NonMember).err(), Some(Denied::NotAMember));
}

#[test]
fn has_permission_table() {
    let cases = [
        (Viewer, A, Permission::ContentRead, true),
        (Viewer, A, Permission::ContentEdit, false),
        (Admin, A, Permission::MembersInvite, true),
        (Admin, A, Permission::MembersRoleUpdate, false),
        (Owner, D, Permission::ContentRead, false),
        (Owner, I, Permission::ContentRead, false),
    ];
    for (role, status, p, want) in cases {
        assert_eq!(
            has_permission(&m("a", role, status), p).is_ok(),
            want,
            "{role:?} {status:?} {p}"
        );
    }
}

#[test]
fn not_self_table() {
    let me = m("a", Owner, A);
    let mut same_user_other_id = m("a", Owner, A);
    same_user_other_id.id = MemberId::new("other");
    assert_eq!(not_self(&me, &me, Denied::OwnRole), Err(Denied::OwnRole));
    assert_eq!(
        not_self(&me, &same_user_other_id, Denied::OwnRole),
        Err(Denied::OwnRole)
    );
    assert_eq!(not_self(&me, &m("b", Owner, A), Denied::OwnRole), Ok(()));
}

#[test]
fn owner_acts_on_owner_and_outranks_tables() {
    let cases = [
        (Owner, Owner, Ok(()), Ok(())),
        (Admin, Owner, Err(Denied::OwnerOnly), Err(())),
        (Admin, Admin, Ok(()), Ok(())),
        (Admin, Viewer, Ok(()), Ok(())),
        (Editor, Admin, Ok(()), Err(())),
    ];
    for (actor, target, want_owner, want_rank) in cases {
        let (a, t) = (m("a", actor, A), m("t", target, A));
        assert_eq!(
            owner_acts_on_owner(&a, &t),
            want_owner,
            "{actor:?}->{target:?}"
        );
        assert_eq!(
            outranks(&a, &t).map_err(|_| ()),
            want_rank,
            "{actor:?}->{target:?}"
        );
    }
}

#[test]
fn no_escalation_table() {
    let admin = m("a", Admin, A);
    let cases = [
        (Role::builtin(Viewer).permissions(), true),
        (Role::builtin(Admin).permissions(), true),
        (Role::builtin(Owner).permissions(), false),
        (PermissionSet::of(&[Permission::MembersRoleUpdate]), false),
        (PermissionSet::EMPTY, true),
    ];
    for (granted, ok) in cases {
        assert_eq!(no_escalation(&admin, granted).is_ok(), ok, "{granted:?}");
    }
    let err = no_escalation(&admin, PermissionSet::of(&[Permission::BillingManage])).unwrap_err();
    assert_eq!(err.missing_permission(), Some(Permission::BillingManage));
    // A deactivated owner holds nothing, so can grant nothing.
    assert!(no_escalation(&m("o", Owner, D), Role::builtin(Viewer).permissions()).is_err());
}

#[test]
fn access_escalation_tables() {
    let key = |s: &str| FeatureKey::parse(s).unwrap();
    let only = |ks: &[&str]| FeatureAccess::Only(ks.iter().map(|k| key(k)).collect());
    let mut me = m("a", Owner, A);
    me.feature_access = only(&["dashboard", "ai_chat"]);
    let cases = [
        (only(&["dashboard"]), Ok(())),
        (only(&[]), Ok(())),
        (
            only(&["data_view"]),
            Err(Denied::FeatureEscalation {
                missing: vec![key("data_view")],
            }),
        ),
        (
            FeatureAccess::All,
            Err(Denied::FeatureEscalation { missing: vec![] }),
        ),
    ];
    for (granted, want) in cases {
        assert_eq!(no_feature_escalation(&me, &granted), want, "{granted:?}");
    }
    me.resource_access = ResourceAccess::Only([ResourceId::new("r1")].into_iter().collect());
    let r = |ids: &[&str]| ResourceAccess::Only(ids.iter().map(|i| ResourceId::new(*i)).collect());
    assert_eq!(no_resource_escalation(&me, &r(&["r1"])), Ok(()));
    assert!(no_resource_escalation(&me, &r(&["r2"])).is_err());
    assert!(no_resource_escalation(&me, &ResourceAccess::All).is_err());
    assert_eq!(feature_allowed(&me, &key("ai_chat")), Ok(()));
    assert!(feature_allowed(&me, &key("data_view")).is_err());
    assert_eq!(resource_allowed(&me, &ResourceId::new("r1")), Ok(()));
    assert!(resource_allowed(&me, &ResourceId::new("r2")).is_err());
}

#[test]
fn owner_only_from_admin_table() {
    let (o, a, e) = (
        Role::builtin(Owner),
        Role::builtin(Admin),
        Role::builtin(Editor),
    );
    let cases = [
        (Some(&a), &o, Ok(())),
        (Some(&o), &o, Ok(())),
        (Some(&e), &o, Err(Denied::OwnerRequiresAdmin)),
        (None, &o, Err(Denied::OwnerRequiresAdmin)),
        (Some(&e), &a, Ok(())),
        (None, &a, Ok(())),
    ];
    for (current, new, want) in cases {
        assert_eq!(
            owner_only_from_admin(current, new),
            want,
            "{current:?} -> {new:?}"
        );
    }
}

#[test]
fn confirmation_and_seat_tables() {
    assert_eq!(confirmed(true), Ok(()));
    assert_eq!(confirmed(false), Err(Denied::ConfirmationRequired));
    let cases = [
        ("Acme", "Acme", Ok(())),
        ("  Acme ", "Acme", Ok(())),
        ("acme", "Acme", Err(Denied::ConfirmationMismatch)),
        ("", "Acme", Err(Denied::ConfirmationRequired)),
        ("Acm", "Acme", Err(Denied::ConfirmationMismatch)),
    ];
    for (typed, name, want) in cases {
        assert_eq!(confirm_matches(typed, name), want, "{typed:?}");
    }
    let seat = |limit, used| SeatState { limit, used };
    let seats = [
        (seat(None, 1_000_000), 1, Ok(())),
        (seat(Some(5), 4), 1, Ok(())),
        (seat(Some(5), 5), 1, Err(Denied::SeatLimit { limit: 5 })),
        (seat(Some(5), 5), 0, Ok(())),
        (
            seat(Some(5), u32::MAX),
            1,
            Err(Denied::SeatLimit { limit: 5 }),
        ),
    ];
    for (s, extra, want) in seats {
        assert_eq!(seat_available(s, extra), want, "{s:?} + {extra}");
    }
    assert_eq!(
        custom_role_allowed(PermissionSet::of(&[Permission::MembersInvite])),
        Ok(())
    );
    assert_eq!(
        custom_role_allowed(PermissionSet::of(&[Permission::WorkspaceDelete])),
        Err(Denied::OwnerOnlyPermission {
            permission: Permission::WorkspaceDelete
        })
    );
}

#[test]
fn shared_access_table() {
    let mut groups = GroupGraph::new();
    groups
        .add_edge(GroupId::new("all"), GroupId::new("eng"))
        .unwrap();
    groups.add_member(UserId::new("v"), GroupId::new("eng"));
    let coll = |shares: Vec<Share>| SharedResource {
        id: ResourceId::new("c"),
        shares,
    };
    let to_all = |level| Share {
        grantee: Grantee::Group(GroupId::new("all")),
        level,
    };
    let via_all = |level| Basis::Share {
        level,
        via: ShareVia::Group(GroupId::new("all")),
    };
    let viewer = m("v", Viewer, A);
    let admin = m("a", Admin, A);
    let mut fenced_admin = m("a", Admin, A);
    fenced_admin.resource_access = ResourceAccess::Only(Default::default());
    let cases = [
        (
            &viewer,
            vec![],
            Permission::ContentRead,
            Err(Denied::NotShared),
        ),
        (
            &viewer,
            vec![to_all(ShareLevel::View)],
            Permission::ContentRead,
            Ok(via_all(ShareLevel::View)),
        ),
        (
            &viewer,
            vec![to_all(ShareLevel::View)],
            Permission::ContentEdit,
            Err(Denied::ViewOnly),
        ),
        (
            &viewer,
            vec![to_all(ShareLevel::Edit)],
            Permission::ContentEdit,
            Ok(via_all(ShareLevel::Edit)),
        ),
        (
            &admin,
            vec![],
            Permission::ContentEdit,
            Ok(Basis::SeeAllShared),
        ),
        (
            &fenced_admin,
            vec![],
            Permission::ContentRead,
            Err(Denied::ResourceNotAllowed {
                resource: ResourceId::new("c"),
            }),
        ),
    ];
    for (who, shares, p, want) in cases {
        assert_eq!(
            shared_access(who, &coll(shares.clone()), &groups, p),
            want,
            "{:?} {shares:?} {p}",
            who.id
        );
    }
}
