//! "Why?": the path that allowed an action (role → permission; user → group →
//! parent group → share; feature and resource access) or the rule that refused
//! it. Invariant: built on `authorize`'s own answer, so the explanation can
//! never disagree with the decision.

use serde::{Deserialize, Serialize};

use crate::decision::{Action, Actor, Basis, Denied, Facts, ResourceRef, authorize};
use crate::member::{FeatureAccess, Member, MemberStatus, ResourceAccess};
use crate::shares::{SEE_ALL_SHARED, ShareLevel, ShareVia};

/// One line of an explanation.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Step {
    /// Human text for the UI.
    pub text: String,
}

/// A decision with the steps that led to it.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Explanation {
    /// Whether the action is allowed.
    pub allowed: bool,
    /// The denial's code when refused.
    pub code: Option<String>,
    /// The steps, from the actor to the verdict.
    pub steps: Vec<Step>,
}

fn step(text: impl Into<String>) -> Step {
    Step { text: text.into() }
}

fn level_word(level: ShareLevel) -> &'static str {
    match level {
        ShareLevel::View => "viewing",
        ShareLevel::Edit => "editing",
    }
}

/// Explains `authorize(actor, action, facts)`.
pub fn explain(actor: &Actor, action: &Action, facts: &Facts) -> Explanation {
    let decision = authorize(actor, action, facts);
    let mut steps = Vec::new();
    let me = match actor {
        Actor::NonMember => None,
        Actor::Member(m) => Some(m),
    };
    match me {
        None => steps.push(step("You are not a member of this workspace.")),
        Some(m) => {
            let status = match m.status {
                MemberStatus::Active => "an active",
                MemberStatus::Invited => "an invited",
                MemberStatus::Deactivated => "a deactivated",
            };
            steps.push(step(format!(
                "You are {status} member with the role \u{201c}{}\u{201d}.",
                m.role.key()
            )));
        }
    }
    match (&decision, me) {
        (Ok(grant), Some(m)) => {
            if let Some(p) = grant.permission {
                steps.push(step(format!(
                    "The role \u{201c}{}\u{201d} includes \u{201c}{}\u{201d} ({}).",
                    m.role.key(),
                    p.name(),
                    p.label()
                )));
            }
            basis_steps(m, &grant.basis, facts, &mut steps);
            access_steps(m, action, &mut steps);
            steps.push(step("Allowed."));
        }
        (Ok(_), None) => steps.push(step("Allowed.")),
        (Err(denied), _) => {
            if let (Denied::NotAllowed { permission }, Some(m)) = (denied, me) {
                steps.push(step(format!(
                    "The role \u{201c}{}\u{201d} does not include \u{201c}{}\u{201d} ({}).",
                    m.role.key(),
                    permission.name(),
                    permission.label()
                )));
            }
            if let Denied::Escalation { missing } | Denied::Outranked { missing } = denied {
                let names: Vec<_> = missing.iter().map(|p| p.name()).collect();
                steps.push(step(format!("Permissions you lack: {}.", names.join(", "))));
            }
            steps.push(step(format!("Refused: {}", denied.message())));
        }
    }
    Explanation {
        allowed: decision.is_ok(),
        code: decision.err().map(|d| d.code().to_owned()),
        steps,
    }
}

fn basis_steps(m: &Member, basis: &Basis, facts: &Facts, steps: &mut Vec<Step>) {
    match basis {
        Basis::Role => {}
        Basis::OwnMembership => steps.push(step("This concerns your own membership.")),
        Basis::SeeAllShared => steps.push(step(format!(
            "\u{201c}{}\u{201d} lets your role see every collection, shared or not.",
            SEE_ALL_SHARED.name()
        ))),
        Basis::Share {
            level,
            via: ShareVia::Direct,
        } => steps.push(step(format!(
            "The collection is shared with you directly for {}.",
            level_word(*level)
        ))),
        Basis::Share {
            level,
            via: ShareVia::Group(g),
        } => {
            let chain = m
                .user()
                .and_then(|u| facts.groups.path(u, g))
                .unwrap_or_else(|| vec![g.clone()]);
            let mut it = chain.iter();
            if let Some(first) = it.next() {
                steps.push(step(format!(
                    "You are in the group \u{201c}{first}\u{201d}."
                )));
            }
            let mut prev = chain.first();
            for next in it {
                if let Some(p) = prev {
                    steps.push(step(format!(
                        "\u{201c}{p}\u{201d} is in the group \u{201c}{next}\u{201d}."
                    )));
                }
                prev = Some(next);
            }
            steps.push(step(format!(
                "The collection is shared with \u{201c}{g}\u{201d} for {}.",
                level_word(*level)
            )));
        }
    }
}

fn access_steps(m: &Member, action: &Action, steps: &mut Vec<Step>) {
    let Action::Use {
        feature, resource, ..
    } = action
    else {
        return;
    };
    if let Some(f) = feature {
        steps.push(step(match &m.feature_access {
            FeatureAccess::All => format!(
                "Your feature access is \u{201c}all\u{201d}, which includes \u{201c}{f}\u{201d}."
            ),
            FeatureAccess::Only(_) => format!("Your feature access lists \u{201c}{f}\u{201d}."),
        }));
    }
    if let Some(r) = resource {
        let id = match r {
            ResourceRef::Plain { id } => id,
            ResourceRef::Shared(s) => &s.id,
        };
        steps.push(step(match &m.resource_access {
            ResourceAccess::All => format!(
                "Your resource access is \u{201c}all\u{201d}, which includes \u{201c}{id}\u{201d}."
            ),
            ResourceAccess::Only(_) => format!("Your resource access lists \u{201c}{id}\u{201d}."),
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{GroupId, MemberId, ResourceId, UserId};
    use crate::member::Principal;
    use crate::permission::Permission;
    use crate::role::{BuiltinRole, Role};
    use crate::shares::{Grantee, Share, SharedResource};

    fn texts(e: &Explanation) -> Vec<&str> {
        e.steps.iter().map(|s| s.text.as_str()).collect()
    }

    #[test]
    fn a_group_share_is_explained_through_the_nesting() {
        let mut facts = Facts::new("W", 1);
        facts
            .groups
            .add_edge(GroupId::new("company"), GroupId::new("eng"))
            .unwrap();
        facts
            .groups
            .add_member(UserId::new("u"), GroupId::new("eng"));
        let me = Member::active(
            MemberId::new("m"),
            Principal::User(UserId::new("u")),
            Role::builtin(BuiltinRole::Viewer),
        );
        let coll = SharedResource {
            id: ResourceId::new("c"),
            shares: vec![Share {
                grantee: Grantee::Group(GroupId::new("company")),
                level: ShareLevel::View,
            }],
        };
        let e = explain(
            &Actor::Member(me),
            &Action::ReadCollection { collection: coll },
            &facts,
        );
        assert!(e.allowed);
        assert_eq!(
            texts(&e),
            [
                "You are an active member with the role \u{201c}viewer\u{201d}.",
                "The role \u{201c}viewer\u{201d} includes \u{201c}content:read\u{201d} (Read content).",
                "You are in the group \u{201c}eng\u{201d}.",
                "\u{201c}eng\u{201d} is in the group \u{201c}company\u{201d}.",
                "The collection is shared with \u{201c}company\u{201d} for viewing.",
                "Allowed.",
            ]
        );
    }

    #[test]
    fn a_denial_names_the_missing_permission_and_the_rule() {
        let me = Member::active(
            MemberId::new("m"),
            Principal::User(UserId::new("u")),
            Role::builtin(BuiltinRole::Editor),
        );
        let action = Action::Use {
            permission: Permission::AuditRead,
            feature: None,
            resource: None,
        };
        let e = explain(&Actor::Member(me), &action, &Facts::new("W", 1));
        assert!(!e.allowed);
        assert_eq!(e.code.as_deref(), Some("not_allowed"));
        assert!(texts(&e)[1].contains("does not include \u{201c}audit:read\u{201d}"));
        assert!(texts(&e)[2].starts_with("Refused: Your role does not allow this"));
    }

    #[test]
    fn a_non_member_is_told_only_that() {
        let e = explain(
            &Actor::NonMember,
            &Action::ReadWorkspace,
            &Facts::new("W", 1),
        );
        assert_eq!(e.code.as_deref(), Some("not_a_member"));
        assert_eq!(e.steps[0].text, "You are not a member of this workspace.");
    }
}
