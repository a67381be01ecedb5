//! `answer`: the authorization API's question "may this principal do this in
//! the workspace?". Who may ask is decided here too, through `authorize`:
//! any member may ask about themselves (whatever their status, so an invitee
//! hears "not yet"), only a holder of `authorize:check` about someone else,
//! and a non-member is told "not found", never whether the workspace exists.

use super::{Action, Actor, Denied, Facts, Grant, authorize};

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
    authorize(asker, &Action::CheckAccessOfOthers, facts)?;
    Ok(authorize(subject.unwrap_or(asker), action, facts))
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
}
