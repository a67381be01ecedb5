//! Tests of batch planning: one verdict per row, in order.

use super::*;
use crate::ids::{MemberId, UserId};
use crate::member::{Member, Principal};
use crate::role::BuiltinRole;

fn admin() -> Actor {
    Actor::Member(Member::active(
        MemberId::new("a"),
        Principal::User(UserId::new("a")),
        Role::builtin(BuiltinRole::Admin),
    ))
}

fn plan(
    actor: &Actor,
    rows: &[(&str, &str)],
    seat: SeatState,
) -> Result<Vec<&'static str>, Denied> {
    let existing = ExistingPeople {
        member_emails: [Email::parse("member@acme.com").unwrap()]
            .into_iter()
            .collect(),
        pending_invite_emails: [Email::parse("pending@acme.com").unwrap()]
            .into_iter()
            .collect(),
    };
    let rows: Vec<_> = rows.iter().map(|(e, r)| InviteRow::new(*e, *r)).collect();
    let planned = plan_invites(
        actor,
        &rows,
        &existing,
        seat,
        &PersonalDomains::default(),
        &RoleCatalogue::default(),
        &Facts::new("Acme", 1),
    )?;
    Ok(planned.iter().map(|p| p.verdict.code()).collect())
}

#[test]
fn every_verdict_in_one_batch() {
    let got = plan(
        &admin(),
        &[
            ("new@acme.com", "editor"),
            ("NEW@acme.com ", "viewer"),
            ("member@acme.com", "viewer"),
            ("pending@acme.com", "viewer"),
            ("someone@gmail.com", "viewer"),
            ("not an email", "viewer"),
            ("boss@acme.com", "owner"),
            ("x@acme.com", "no-such-role"),
            ("other@acme.com", "admin"),
            ("late@acme.com", "viewer"),
        ],
        SeatState {
            limit: Some(4),
            used: 2,
        },
    )
    .unwrap();
    assert_eq!(
        got,
        [
            "invited",
            "duplicate_in_batch",
            "already_member",
            "already_invited",
            "personal_domain",
            "invalid_email",
            "role_not_allowed",
            "role_not_allowed",
            "invited",
            "seat_limit",
        ]
    );
}

#[test]
fn the_first_occurrence_wins_even_when_it_is_refused() {
    let got = plan(
        &admin(),
        &[("a@gmail.com", "viewer"), ("A@GMAIL.com", "viewer")],
        SeatState::UNLIMITED,
    )
    .unwrap();
    assert_eq!(got, ["personal_domain", "duplicate_in_batch"]);
}

#[test]
fn a_caller_who_may_not_invite_is_refused_as_a_whole() {
    let editor = Actor::Member(Member::active(
        MemberId::new("e"),
        Principal::User(UserId::new("e")),
        Role::builtin(BuiltinRole::Editor),
    ));
    let err = plan(&editor, &[("new@acme.com", "viewer")], SeatState::UNLIMITED).unwrap_err();
    assert_eq!(err.code(), "not_allowed");
    assert_eq!(
        plan(&Actor::NonMember, &[], SeatState::UNLIMITED)
            .unwrap_err()
            .code(),
        "not_a_member"
    );
}

#[test]
fn an_inviter_cannot_grant_features_they_lack() {
    let mut me = Member::active(
        MemberId::new("a"),
        Principal::User(UserId::new("a")),
        Role::builtin(BuiltinRole::Admin),
    );
    me.feature_access = FeatureAccess::Only(Default::default());
    let rows = [InviteRow::new("new@acme.com", "viewer")];
    let planned = plan_invites(
        &Actor::Member(me),
        &rows,
        &ExistingPeople::default(),
        SeatState::UNLIMITED,
        &PersonalDomains::default(),
        &RoleCatalogue::default(),
        &Facts::new("Acme", 1),
    )
    .unwrap();
    assert_eq!(planned[0].verdict, InviteVerdict::RoleNotAllowed);
    assert_eq!(
        planned[0].denied.as_ref().unwrap().code(),
        "feature_escalation"
    );
}

#[test]
fn verdicts_serialise_as_their_codes_with_copy() {
    for v in [
        InviteVerdict::Invited,
        InviteVerdict::DuplicateInBatch,
        InviteVerdict::SeatLimit,
    ] {
        assert_eq!(
            serde_json::to_string(&v).unwrap(),
            format!("\"{}\"", v.code())
        );
        assert!(v.message().ends_with('.'));
    }
}

#[test]
fn pasted_lists_split_on_any_separator() {
    let cases: &[(&str, &[&str])] = &[
        (
            "a@x.io, b@x.io;c@x.io\nd@x.io\te@x.io",
            &["a@x.io", "b@x.io", "c@x.io", "d@x.io", "e@x.io"],
        ),
        ("  ,,;\n ", &[]),
        (
            "Ada Lovelace <ada@x.io>, Bob <bob@x.io>",
            &["ada@x.io", "bob@x.io"],
        ),
        ("just-a-name", &["just-a-name"]),
        ("bad-entry", &["bad-entry"]),
    ];
    for (text, want) in cases {
        assert_eq!(parse_invite_list(text), *want, "{text:?}");
    }
    let huge = "a@x.io,".repeat(10_000);
    assert_eq!(parse_invite_list(&huge).len(), 10_000);
}
