//! The invite dialog's rows: the pasted text split into addresses, each with
//! the verdict `roster_model::plan_invites` gives before anything is sent, and
//! the per-row summary of what the server did.

use roster_api::{InvitationResultResponse, InviteRequest, MemberResponse};
use roster_model::{
    Actor, Denied, Email, ExistingPeople, Facts, FeatureAccess, InviteRow, InviteVerdict,
    MemberStatus, PersonalDomains, ResourceAccess, RoleCatalogue, SeatState, parse_invite_list,
    plan_invites,
};

/// The feature and resource access every address of a batch is offered
/// (everything unless the inviter narrows it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchAccess {
    pub features: FeatureAccess,
    pub resources: ResourceAccess,
}

impl BatchAccess {
    /// The access `actor` itself holds: the most it may hand out (everything
    /// for one who is not a member row, such as an operator).
    pub fn of(actor: &Actor) -> BatchAccess {
        match actor {
            Actor::Member(m) => BatchAccess {
                features: m.feature_access.clone(),
                resources: m.resource_access.clone(),
            },
            _ => BatchAccess::default(),
        }
    }
}

impl Default for BatchAccess {
    fn default() -> Self {
        BatchAccess {
            features: FeatureAccess::All,
            resources: ResourceAccess::All,
        }
    }
}

/// One address with its verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerdictRow {
    /// The address as typed.
    pub input: String,
    /// The model's verdict.
    pub verdict: InviteVerdict,
    /// Product copy (the denial reason when the role is refused).
    pub message: String,
    /// The role this address is offered.
    pub role: String,
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

/// The key an address's own role is kept under (as typed, trimmed, any case).
pub fn row_key(input: &str) -> String {
    crate::state::text::lower(input.trim())
}

/// The role for one address: its own choice, else the one for all.
pub fn role_for<'a>(input: &str, role: &'a str, own: &'a [(String, String)]) -> &'a str {
    let key = row_key(input);
    own.iter()
        .find(|(k, _)| *k == key)
        .map_or(role, |(_, r)| r.as_str())
}

/// The verdict of every address in `text`, each offered its own role from
/// `own` (address key, role) or else `role`.
pub fn preview(
    text: &str,
    role: &str,
    own: &[(String, String)],
    batch: &BatchAccess,
    actor: &Actor,
    people: &ExistingPeople,
    facts: &Facts,
) -> Result<Vec<VerdictRow>, Denied> {
    let rows: Vec<InviteRow> = parse_invite_list(text)
        .into_iter()
        .map(|e| {
            let r = role_for(&e, role, own).to_owned();
            InviteRow {
                feature_access: batch.features.clone(),
                resource_access: batch.resources.clone(),
                ..InviteRow::new(e, r)
            }
        })
        .collect();
    let roles: Vec<String> = rows.iter().map(|r| r.role.clone()).collect();
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
        .zip(roles)
        .map(|(p, role)| VerdictRow {
            role,
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

/// The request: every row as typed with its role and the batch's access
/// (left out where it is everything, the server's default; the server gives
/// each row its own verdict).
pub fn request(rows: &[VerdictRow], batch: &BatchAccess) -> Vec<InviteRequest> {
    let features = (batch.features != FeatureAccess::All).then(|| batch.features.clone());
    let resources = (batch.resources != ResourceAccess::All).then(|| batch.resources.clone());
    rows.iter()
        .map(|r| InviteRequest {
            email: r.input.clone(),
            role: r.role.clone(),
            feature_access: features.clone(),
            resource_access: resources.clone(),
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
    use roster_model::{MemberId, Principal, Role, UserId};

    fn owner() -> Actor {
        Actor::Member(Member::active(
            MemberId::new("o"),
            Principal::User(UserId::new("u")),
            Role::builtin(BuiltinRole::Owner),
        ))
    }

    fn member(email: &str, status: MemberStatus) -> MemberResponse {
        MemberResponse {
            user_id: None,
            email: email.into(),
            ..crate::state::fixtures::member(email, "viewer", status)
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
        let got = preview(
            text,
            "editor",
            &[],
            &BatchAccess::default(),
            &owner(),
            &people,
            &Facts::new("W", 1),
        )
        .unwrap();
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
        let sent = request(&got, &BatchAccess::default());
        assert_eq!(sent.len(), 6);
        assert!(
            sent.iter()
                .all(|r| r.role == "editor" && r.feature_access.is_none())
        );
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
            &[],
            &BatchAccess::default(),
            &admin,
            &ExistingPeople::default(),
            &Facts::new("W", 1),
        )
        .unwrap();
        assert_eq!(got[0].verdict, InviteVerdict::RoleNotAllowed);
        assert!(!got[0].message.is_empty());
    }

    #[test]
    fn an_address_keeps_its_own_role() {
        let own = vec![(row_key(" Ben@Acme.io "), "admin".to_owned())];
        let got = preview(
            "ann@acme.io, ben@acme.io",
            "viewer",
            &own,
            &BatchAccess::default(),
            &owner(),
            &ExistingPeople::default(),
            &Facts::new("W", 1),
        )
        .unwrap();
        let roles: Vec<_> = request(&got, &BatchAccess::default())
            .into_iter()
            .map(|r| r.role)
            .collect();
        assert_eq!(roles, ["viewer", "admin"]);
    }

    #[test]
    fn narrowed_batch_access_is_judged_per_row_and_sent_with_each() {
        use roster_model::{FeatureKey, ResourceId};
        let only_chat = BatchAccess {
            features: FeatureAccess::Only([FeatureKey::parse("ai_chat").unwrap()].into()),
            resources: ResourceAccess::Only([ResourceId::new("sales-db")].into()),
        };
        let got = preview(
            "ann@acme.io",
            "viewer",
            &[],
            &only_chat,
            &owner(),
            &ExistingPeople::default(),
            &Facts::new("W", 1),
        )
        .unwrap();
        assert!(got[0].ok(), "{got:?}");
        let sent = request(&got, &only_chat);
        assert_eq!(sent[0].feature_access.as_ref(), Some(&only_chat.features));
        assert_eq!(sent[0].resource_access.as_ref(), Some(&only_chat.resources));
        // An Admin who only has dashboards may not hand out the AI chat.
        let mut admin = Member::active(
            MemberId::new("a"),
            Principal::User(UserId::new("ua")),
            Role::builtin(BuiltinRole::Admin),
        );
        let admin_features = FeatureAccess::Only([FeatureKey::parse("dashboard").unwrap()].into());
        admin.feature_access = admin_features.clone();
        let narrowed_admin = Actor::Member(admin);
        let refused = preview(
            "ann@acme.io",
            "viewer",
            &[],
            &only_chat,
            &narrowed_admin,
            &ExistingPeople::default(),
            &Facts::new("W", 1),
        )
        .unwrap();
        assert!(!refused[0].ok(), "{refused:?}");
        assert!(refused[0].message.contains("grant"), "{refused:?}");
        // The same Admin may hand out what it has.
        let only_dashboards = BatchAccess {
            features: admin_features.clone(),
            resources: ResourceAccess::All,
        };
        let fine = preview(
            "ann@acme.io",
            "viewer",
            &[],
            &only_dashboards,
            &narrowed_admin,
            &ExistingPeople::default(),
            &Facts::new("W", 1),
        )
        .unwrap();
        assert!(fine[0].ok(), "{fine:?}");
        assert_eq!(BatchAccess::of(&narrowed_admin), only_dashboards);
        assert_eq!(BatchAccess::of(&owner()), BatchAccess::default());
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
