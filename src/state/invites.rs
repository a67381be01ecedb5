//! The invite dialog's rows: the pasted text split into addresses, each with
//! the verdict `roster_model::plan_invites` gives before anything is sent, and
//! the per-row summary of what the server did.

use roster_api::{InvitationResultResponse, InviteRequest, MemberResponse};
use roster_model::{
    Actor, Denied, Email, ExistingPeople, Facts, InviteRow, InviteVerdict, MemberStatus,
    PersonalDomains, RoleCatalogue, SeatState, parse_invite_list, plan_invites,
};

/// One address with its verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerdictRow {
    /// The address as typed.
    pub input: String,
    /// The model's verdict.
    pub verdict: InviteVerdict,
    /// Product copy (the denial reason when the role is refused).
    pub message: String,
}

impl VerdictRow {
    /// Whether this row will be sent as an invitation.
    pub fn ok(&self) -> bool {
        self.verdict.is_invited()
    }
}

/// Who is already in the workspace, from the loaded team table.
pub fn existing<'a>(rows: impl IntoIterator<Item = &'a MemberResponse>) -> ExistingPeople {
    let mut people = ExistingPeople::default();
    for r in rows {
        if let Ok(e) = Email::parse(&r.email) {
            match r.status {
                MemberStatus::Invited => people.pending_invite_emails.insert(e),
                _ => people.member_emails.insert(e),
            };
        }
    }
    people
}

/// The verdict of every address in `text`, all offered `role`.
pub fn preview(
    text: &str,
    role: &str,
    actor: &Actor,
    people: &ExistingPeople,
    facts: &Facts,
) -> Result<Vec<VerdictRow>, Denied> {
    let rows: Vec<InviteRow> = parse_invite_list(text)
        .into_iter()
        .map(|e| InviteRow::new(e, role))
        .collect();
    let planned = plan_invites(
        actor,
        &rows,
        people,
        SeatState::UNLIMITED,
        &PersonalDomains::default(),
        &RoleCatalogue::default(),
        facts,
    )?;
    Ok(planned
        .into_iter()
        .map(|p| VerdictRow {
            message: match (&p.denied, p.verdict) {
                (Some(d), _) => d.message(),
                (None, InviteVerdict::Invited) => "Ready to invite.".to_owned(),
                (None, v) => v.message().to_owned(),
            },
            input: p.input,
            verdict: p.verdict,
        })
        .collect())
}

/// The request: every row as typed (the server gives each its own verdict).
pub fn request(rows: &[VerdictRow], role: &str) -> Vec<InviteRequest> {
    rows.iter()
        .map(|r| InviteRequest {
            email: r.input.clone(),
            role: role.to_owned(),
            feature_access: None,
            resource_access: None,
        })
        .collect()
}

/// "2 invited, 1 not sent".
pub fn summary(results: &[InvitationResultResponse]) -> String {
    let sent = results.iter().filter(|r| r.status == "invited").count();
    let refused = results.len() - sent;
    let people = |n: usize| if n == 1 { "person" } else { "people" };
    match (sent, refused) {
        (0, r) => format!("No invitations sent; {r} {} need attention.", people(r)),
        (s, 0) => format!("Invited {s} {}.", people(s)),
        (s, r) => format!("Invited {s} {}; {r} not sent.", people(s)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use roster_model::{BuiltinRole, Member};
    use roster_model::{FeatureAccess, MemberId, Principal, ResourceAccess, Role, UserId};

    fn owner() -> Actor {
        Actor::Member(Member::active(
            MemberId::new("o"),
            Principal::User(UserId::new("u")),
            Role::builtin(BuiltinRole::Owner),
        ))
    }

    fn member(email: &str, status: MemberStatus) -> MemberResponse {
        MemberResponse {
            id: email.into(),
            user_id: None,
            name: email.into(),
            email: email.into(),
            role: "viewer".into(),
            status,
            feature_access: FeatureAccess::All,
            resource_access: ResourceAccess::All,
            joined_at: String::new(),
            invited_by: None,
        }
    }

    #[test]
    fn each_address_gets_the_models_verdict() {
        let rows = [
            member("ada@acme.io", MemberStatus::Active),
            member("bob@acme.io", MemberStatus::Invited),
        ];
        let people = existing(rows.iter());
        let text = "new@acme.io, sam@gmail.com\nNEW@acme.io ada@acme.io; bob@acme.io nope";
        let got = preview(text, "editor", &owner(), &people, &Facts::new("W", 1)).unwrap();
        let verdicts: Vec<_> = got.iter().map(|r| r.verdict).collect();
        assert_eq!(
            verdicts,
            [
                InviteVerdict::Invited,
                InviteVerdict::PersonalDomain,
                InviteVerdict::DuplicateInBatch,
                InviteVerdict::AlreadyMember,
                InviteVerdict::AlreadyInvited,
                InviteVerdict::InvalidEmail,
            ]
        );
        assert!(got[0].ok() && !got[1].ok());
        assert_eq!(got[0].message, "Ready to invite.");
        assert_eq!(request(&got, "editor").len(), 6);
    }

    #[test]
    fn a_role_above_the_inviter_is_refused_with_the_reason() {
        let admin = Actor::Member(Member::active(
            MemberId::new("a"),
            Principal::User(UserId::new("u")),
            Role::builtin(BuiltinRole::Admin),
        ));
        let got = preview(
            "x@acme.io",
            "owner",
            &admin,
            &ExistingPeople::default(),
            &Facts::new("W", 1),
        )
        .unwrap();
        assert_eq!(got[0].verdict, InviteVerdict::RoleNotAllowed);
        assert!(!got[0].message.is_empty());
    }

    #[test]
    fn the_summary_counts_sent_and_refused_rows() {
        let r = |s: &str| InvitationResultResponse {
            email: "a@b.c".into(),
            status: s.into(),
            invitation_id: None,
            message: String::new(),
        };
        assert_eq!(summary(&[r("invited")]), "Invited 1 person.");
        assert_eq!(
            summary(&[r("invited"), r("invited"), r("personal_domain")]),
            "Invited 2 people; 1 not sent."
        );
        assert_eq!(
            summary(&[r("seat_limit")]),
            "No invitations sent; 1 person need attention."
        );
    }
}
