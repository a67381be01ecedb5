//! `answer`: the authorization API's question "may this principal do this in
//! the workspace?". Who may ask is decided here too, through `authorize`:
//! any member may ask about themselves (whatever their status), only a
//! holder of `authorize:check` about someone else, and a non-member is told
//! "not found", never whether the workspace exists. `Verdict` is the
//! answer's wording: a stable reason code and a sentence about the right
//! person ("you" or "this member").

use super::{Action, Actor, Basis, Denied, Facts, Grant, authorize};
use crate::member::MemberStatus;

/// The answer to one question, or why the question itself is refused.
///
/// `Err` refuses the question (the asker is no member, or may not ask about
/// others); `Ok(Ok(grant))` and `Ok(Err(denied))` are the decision about the
/// subject, with its reason.
pub fn answer(
    asker: &Actor,
    subject: Option<&Actor>,
    action: &Action,
    facts: &Facts,
) -> Result<Result<Grant, Denied>, Denied> {
    let me = super::rules::member_of(asker)?;
    let about_self = match subject {
        None => true,
        Some(Actor::Member(them)) => them.id == me.id,
        Some(Actor::NonMember) => false,
    };
    if about_self {
        return Ok(authorize(asker, action, facts));
    }
    may_ask_about_others(asker, facts)?;
    Ok(authorize(subject.unwrap_or(asker), action, facts))
}

/// Whether `asker` may ask about someone else at all: the server checks it
/// before it looks the subject up, so a refused asker learns nothing, not
/// even by timing.
pub fn may_ask_about_others(asker: &Actor, facts: &Facts) -> Result<(), Denied> {
    authorize(asker, &Action::CheckAccessOfOthers, facts).map(|_| ())
}

/// A decision as the authorization API words it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Verdict {
    /// Whether the subject may do it.
    pub allowed: bool,
    /// A stable code: the grant's basis (`role`, `share`, `see_all_shared`,
    /// `own_membership`) or the denial's code.
    pub reason: &'static str,
    /// One sentence, about "you" or about "this member".
    pub message: String,
}

impl Verdict {
    /// Words `decided`; `about_others` when the subject is not the asker.
    pub fn of(decided: &Result<Grant, Denied>, about_others: bool) -> Verdict {
        match decided {
            Ok(grant) => {
                let reason = match grant.basis {
                    Basis::Role => "role",
                    Basis::Share { .. } => "share",
                    Basis::SeeAllShared => "see_all_shared",
                    Basis::OwnMembership => "own_membership",
                };
                let how = match (&grant.basis, grant.permission) {
                    (Basis::Role, Some(p)) => {
                        format!("the role grants \u{201c}{}\u{201d}", p.label())
                    }
                    (Basis::Share { .. }, _) => "the resource is shared with them".to_owned(),
                    (Basis::SeeAllShared, _) => "the role sees every shared resource".to_owned(),
                    (Basis::OwnMembership, _) | (Basis::Role, None) => {
                        "it concerns their own membership".to_owned()
                    }
                };
                Verdict {
                    allowed: true,
                    reason,
                    message: format!("Allowed: {how}."),
                }
            }
            Err(denied) => Verdict {
                allowed: false,
                reason: denied.code(),
                message: if about_others {
                    about_them(denied)
                } else {
                    denied.message()
                },
            },
        }
    }
}

/// The denials a decision about someone else can end in, said about them.
fn about_them(denied: &Denied) -> String {
    match denied {
        Denied::NotAMember => "This principal is not a member of the workspace.".to_owned(),
        Denied::InactiveMember { status } => match status {
            MemberStatus::Deactivated => "This member is deactivated.".to_owned(),
            MemberStatus::Invited | MemberStatus::Active => {
                "This member has not accepted their invitation yet.".to_owned()
            }
        },
        Denied::NotAllowed { permission } => format!(
            "This member's role does not allow this ({}).",
            permission.label()
        ),
        Denied::FeatureNotAllowed { .. } => {
            "This member does not have access to this feature.".to_owned()
        }
        Denied::ResourceNotAllowed { .. } => {
            "This member does not have access to this resource.".to_owned()
        }
        Denied::NotShared => "This collection is not shared with this member.".to_owned(),
        Denied::ViewOnly => {
            "This collection is shared with this member for viewing only.".to_owned()
        }
        other => other.message(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{BuiltinRole, Member, MemberId, MemberStatus, Permission, Principal, Role, UserId};

    fn member(id: &str, role: BuiltinRole, status: MemberStatus) -> Actor {
        let mut m = Member::active(
            MemberId::new(id),
            Principal::User(UserId::new(format!("u-{id}"))),
            Role::builtin(role),
        );
        m.status = status;
        Actor::Member(m)
    }

    fn use_(permission: Permission) -> Action {
        Action::Use {
            permission,
            feature: None,
            resource: None,
        }
    }

    #[test]
    fn a_non_member_is_told_not_found_whatever_it_asks() {
        let facts = Facts::new("Acme", 1);
        let viewer = member("v", BuiltinRole::Viewer, MemberStatus::Active);
        for subject in [None, Some(&viewer)] {
            let got = answer(
                &Actor::NonMember,
                subject,
                &use_(Permission::ContentRead),
                &facts,
            );
            assert_eq!(got, Err(Denied::NotAMember));
        }
    }

    #[test]
    fn anyone_in_the_workspace_may_ask_about_themselves() {
        let facts = Facts::new("Acme", 1);
        let invited = member("i", BuiltinRole::Editor, MemberStatus::Invited);
        let got = answer(&invited, None, &use_(Permission::ContentRead), &facts).unwrap();
        assert_eq!(got.unwrap_err().code(), "inactive_member");
        let viewer = member("v", BuiltinRole::Viewer, MemberStatus::Active);
        let same = viewer.clone();
        assert!(
            answer(&viewer, Some(&same), &use_(Permission::ContentRead), &facts)
                .unwrap()
                .is_ok()
        );
        let denied = answer(&viewer, None, &use_(Permission::MembersInvite), &facts).unwrap();
        assert_eq!(denied.unwrap_err().code(), "not_allowed");
    }

    #[test]
    fn asking_about_others_needs_an_active_holder_of_authorize_check() {
        let facts = Facts::new("Acme", 1);
        let viewer = member("v", BuiltinRole::Viewer, MemberStatus::Active);
        let admin = member("a", BuiltinRole::Admin, MemberStatus::Active);
        let gone = member("d", BuiltinRole::Admin, MemberStatus::Deactivated);
        let question = use_(Permission::MembersInvite);
        let refused = answer(&gone, Some(&viewer), &question, &facts).unwrap_err();
        assert_eq!(refused.code(), "inactive_member");
        assert!(
            answer(&viewer, Some(&admin), &question, &facts)
                .unwrap()
                .is_ok()
        );
        assert!(
            answer(&admin, Some(&viewer), &question, &facts)
                .unwrap()
                .is_err()
        );
        let stranger = answer(&admin, Some(&Actor::NonMember), &question, &facts).unwrap();
        assert_eq!(stranger, Err(Denied::NotAMember));
    }

    #[test]
    fn a_custom_role_without_authorize_check_may_ask_only_about_itself() {
        use crate::{CustomRole, PermissionSet, RoleId, RoleName};
        let facts = Facts::new("Acme", 1);
        let role = CustomRole::new(
            RoleId::new("r-reader"),
            RoleName::parse("Reader").unwrap(),
            PermissionSet::of(&[Permission::WorkspaceRead, Permission::ContentRead]),
        )
        .unwrap();
        let reader = Actor::Member(Member::active(
            MemberId::new("r"),
            Principal::User(UserId::new("u-r")),
            role.role(),
        ));
        let viewer = member("v", BuiltinRole::Viewer, MemberStatus::Active);
        let question = use_(Permission::ContentRead);
        assert!(answer(&reader, None, &question, &facts).unwrap().is_ok());
        let refused = answer(&reader, Some(&viewer), &question, &facts).unwrap_err();
        assert_eq!(
            refused,
            Denied::NotAllowed {
                permission: Permission::AuthorizeCheck
            }
        );
    }

    #[test]
    fn verdicts_speak_about_the_right_person() {
        let facts = Facts::new("Acme", 1);
        let viewer = member("v", BuiltinRole::Viewer, MemberStatus::Active);
        let question = use_(Permission::MembersInvite);
        let decided = answer(&viewer, None, &question, &facts).unwrap();
        let mine = Verdict::of(&decided, false);
        assert_eq!((mine.allowed, mine.reason), (false, "not_allowed"));
        assert!(mine.message.starts_with("Your role"), "{}", mine.message);
        let theirs = Verdict::of(&decided, true);
        assert!(
            theirs.message.starts_with("This member's role"),
            "{}",
            theirs.message
        );
        let allowed = answer(&viewer, None, &use_(Permission::ContentRead), &facts).unwrap();
        let yes = Verdict::of(&allowed, false);
        assert_eq!((yes.allowed, yes.reason), (true, "role"));
        assert!(yes.message.contains("Read content"), "{}", yes.message);
    }
}
