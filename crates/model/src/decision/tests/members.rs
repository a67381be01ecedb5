//! Member-changing requests: roles, status, removal, transfer, last owner.

use super::*;

#[test]
fn change_role_table() {
    let mut mm = m("mm", Viewer);
    mm.role = member_manager();
    let cases: Vec<(Member, Member, Role, u32, &str)> = vec![
        (m("o", Owner), m("a", Admin), role(Editor), 1, "ok"),
        (m("o", Owner), m("a", Admin), role(Owner), 1, "ok"),
        (
            m("o", Owner),
            m("e", Editor),
            role(Owner),
            1,
            "owner_requires_admin",
        ),
        (m("o", Owner), m("o2", Owner), role(Admin), 2, "ok"),
        (m("o", Owner), m("o2", Owner), role(Admin), 1, "last_owner"),
        (m("o", Owner), m("o", Owner), role(Admin), 2, "own_role"),
        (
            m("a", Admin),
            m("e", Editor),
            role(Viewer),
            1,
            "not_allowed",
        ),
        (mm.clone(), m("v", Viewer), role(Viewer), 1, "ok"),
        (mm.clone(), m("v", Viewer), role(Editor), 1, "escalation"),
        (mm.clone(), m("a", Admin), role(Viewer), 1, "outranked"),
        (mm.clone(), m("o", Owner), role(Viewer), 2, "owner_only"),
        (mm.clone(), m("v", Viewer), member_manager(), 1, "ok"),
        (
            with_status(m("o", Owner), MemberStatus::Deactivated),
            m("a", Admin),
            role(Viewer),
            1,
            "inactive_member",
        ),
    ];
    for (actor, target, new_role, owners, want) in cases {
        let action = Action::ChangeRole {
            target: target.clone(),
            new_role: new_role.clone(),
        };
        let got = code(authorize(
            &Actor::Member(actor.clone()),
            &action,
            &Facts::new("W", owners),
        ));
        assert_eq!(
            got,
            want,
            "{:?} sets {:?} on {:?}",
            actor.role.key(),
            new_role.key(),
            target.role.key()
        );
    }
}

#[test]
fn last_owner_rules_cover_every_way_out() {
    let facts = Facts::new("W", 1);
    let owner = m("o", Owner);
    let owner_key = Member::active(
        MemberId::new("k"),
        Principal::ApiKey(ApiKeyId::new("k")),
        role(Owner),
    );
    let me = Actor::Member(owner.clone());
    let cases = [
        (me.clone(), Action::Leave, "last_owner"),
        (
            Actor::Member(m("o2", Owner)),
            Action::Deactivate {
                target: owner.clone(),
            },
            "last_owner",
        ),
        (
            Actor::Member(m("o2", Owner)),
            Action::ChangeRole {
                target: owner.clone(),
                new_role: role(Admin),
            },
            "last_owner",
        ),
        (
            Actor::Member(m("o2", Owner)),
            Action::Remove {
                target: owner.clone(),
            },
            "cannot_remove_owner",
        ),
        (
            me.clone(),
            Action::RevokeApiKey { target: owner_key },
            "last_owner",
        ),
        (Actor::Member(m("a", Admin)), Action::Leave, "ok"),
    ];
    for (actor, action, want) in cases {
        assert_eq!(
            code(authorize(&actor, &action, &facts)),
            want,
            "{}",
            action.name()
        );
    }
    assert_eq!(
        code(authorize(&me, &Action::Leave, &Facts::new("W", 2))),
        "ok"
    );
}

#[test]
fn status_remove_and_transfer_table() {
    let o = || Actor::Member(m("o", Owner));
    let deact = with_status(m("d", Editor), MemberStatus::Deactivated);
    let invited = with_status(m("i", Editor), MemberStatus::Invited);
    let seat_full = SeatState {
        limit: Some(3),
        used: 3,
    };
    let cases = [
        (
            o(),
            Action::Deactivate {
                target: m("e", Editor),
            },
            "ok",
        ),
        (
            o(),
            Action::Deactivate {
                target: deact.clone(),
            },
            "status_unchanged",
        ),
        (
            o(),
            Action::Deactivate {
                target: invited.clone(),
            },
            "target_invited",
        ),
        (
            o(),
            Action::Deactivate {
                target: m("o", Owner),
            },
            "own_status",
        ),
        (
            o(),
            Action::Reactivate {
                target: deact.clone(),
                seat: SeatState::UNLIMITED,
            },
            "ok",
        ),
        (
            o(),
            Action::Reactivate {
                target: deact.clone(),
                seat: seat_full,
            },
            "seat_limit",
        ),
        (
            o(),
            Action::Reactivate {
                target: m("e", Editor),
                seat: SeatState::UNLIMITED,
            },
            "status_unchanged",
        ),
        (
            o(),
            Action::Remove {
                target: m("e", Editor),
            },
            "ok",
        ),
        (
            o(),
            Action::Remove {
                target: m("o", Owner),
            },
            "cannot_remove_self",
        ),
        (
            o(),
            Action::Remove {
                target: m("o2", Owner),
            },
            "cannot_remove_owner",
        ),
        (
            Actor::Member(m("a", Admin)),
            Action::Remove {
                target: m("e", Editor),
            },
            "not_allowed",
        ),
        (
            o(),
            Action::TransferOwnership {
                target: m("a", Admin),
                confirmed: true,
            },
            "ok",
        ),
        (
            o(),
            Action::TransferOwnership {
                target: m("a", Admin),
                confirmed: false,
            },
            "confirmation_required",
        ),
        (
            o(),
            Action::TransferOwnership {
                target: m("e", Editor),
                confirmed: true,
            },
            "transfer_target_not_admin",
        ),
        (
            o(),
            Action::TransferOwnership {
                target: m("o", Owner),
                confirmed: true,
            },
            "own_role",
        ),
        (
            o(),
            Action::TransferOwnership {
                target: with_status(m("a", Admin), MemberStatus::Deactivated),
                confirmed: true,
            },
            "target_inactive",
        ),
        (
            Actor::Member(m("a", Admin)),
            Action::TransferOwnership {
                target: m("a2", Admin),
                confirmed: true,
            },
            "not_allowed",
        ),
    ];
    for (actor, action, want) in cases {
        assert_eq!(
            code(authorize(&actor, &action, &Facts::new("W", 1))),
            want,
            "{action:?}"
        );
    }
}
