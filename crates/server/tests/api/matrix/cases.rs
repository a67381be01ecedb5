//! The matrix's cases: every endpoint variant, and what `roster-model` says
//! the answer must be (`calls.rs` says how each one is called).

use super::world::{ActorKind, Slot, World};
use roster_model::{Action, Actor, Denied, Facts, FeatureAccess, ResourceAccess, RoleCatalogue};
use roster_model::{Permission, SeatState, WorkspacePatch, answer, authorize};
use roster_server::ops::access::model_member;
use serde_json::json;

/// Whom a member-targeted call names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A member row of the world.
    Slot(Slot),
    /// A member id of another workspace.
    Elsewhere,
}

/// A change to one member.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    Role(&'static str),
    Features,
    Resources,
    Deactivate,
    Reactivate,
}

/// One endpoint variant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    ReadWorkspace,
    Rename,
    Describe,
    MoveRegion,
    Archive,
    Delete {
        confirmed: bool,
    },
    ListConfig,
    ReadConfig,
    PutConfig,
    DeleteConfig,
    ListMembers,
    SearchMembers,
    Leave,
    ListInvitations,
    Invite(&'static str),
    Resend,
    Link,
    Revoke,
    Audit,
    AuditCsv,
    Outbox,
    Patch(Target, Change),
    Remove(Target),
    Transfer(Target, bool),
    /// `POST /authorize` about oneself.
    Ask(&'static str),
    /// `POST /authorize` about a member.
    AskAbout(Target, &'static str),
}

/// The permissions the matrix asks `POST /authorize` about.
const ASKED: [&str; 3] = ["workspace:read", "members:invite", "workspace:delete"];

impl Op {
    /// The calls that name no member.
    pub fn plain() -> Vec<Op> {
        let mut ops = vec![
            Op::ReadWorkspace,
            Op::Rename,
            Op::Describe,
            Op::MoveRegion,
            Op::Archive,
            Op::Delete { confirmed: true },
            Op::Delete { confirmed: false },
            Op::ListConfig,
            Op::ReadConfig,
            Op::PutConfig,
            Op::DeleteConfig,
            Op::ListMembers,
            Op::SearchMembers,
            Op::Leave,
            Op::ListInvitations,
            Op::Resend,
            Op::Link,
            Op::Revoke,
            Op::Audit,
            Op::AuditCsv,
            Op::Outbox,
        ];
        ops.extend(super::world::ROLES.map(Op::Invite));
        ops.extend(ASKED.map(Op::Ask));
        ops
    }

    /// The calls on one member.
    pub fn on(target: Target) -> Vec<Op> {
        let mut ops: Vec<_> = super::world::ROLES
            .map(|r| Op::Patch(target, Change::Role(r)))
            .to_vec();
        for c in [
            Change::Features,
            Change::Resources,
            Change::Deactivate,
            Change::Reactivate,
        ] {
            ops.push(Op::Patch(target, c));
        }
        ops.extend([
            Op::Remove(target),
            Op::Transfer(target, true),
            Op::Transfer(target, false),
            Op::AskAbout(target, "content:create"),
        ]);
        ops
    }

    /// Whether an allowed call changes state (and so needs a world of its own).
    pub fn writes(self) -> bool {
        !matches!(
            self,
            Op::ReadWorkspace
                | Op::ListConfig
                | Op::ReadConfig
                | Op::ListMembers
                | Op::SearchMembers
                | Op::ListInvitations
                | Op::Audit
                | Op::AuditCsv
                | Op::Outbox
                | Op::Ask(_)
                | Op::AskAbout(..)
        )
    }
}

/// What must come back.
#[derive(Clone, Debug, PartialEq)]
pub enum Expect {
    /// 2xx; for a batch invite, whether the row is invited; for a decision,
    /// `allowed` and the reason code.
    Allowed {
        row_invited: Option<bool>,
        decision: Option<(bool, String)>,
    },
    /// This problem status and code.
    Refused { status: u16, code: String },
}

/// An empty access list, decoded from the very JSON the call sends.
fn none<T: serde::de::DeserializeOwned>() -> T {
    serde_json::from_value(json!([])).unwrap()
}

fn refused(d: Denied) -> Expect {
    Expect::Refused {
        status: d.kind().status(),
        code: d.code().to_owned(),
    }
}

/// The model's answer for `actor` calling `op` on `world` (the caller's
/// standing is read from the world, exactly as written to the store).
/// `foreign`: the world is another tenant's, where the caller is no member.
pub fn expect(op: Op, actor: ActorKind, world: &World, foreign: bool) -> Expect {
    if actor == ActorKind::Anonymous {
        // Without a session there is no CSRF token either: API.md refuses
        // such unsafe requests as CSRF (403) before asking who is calling.
        let safe = super::calls::call_method(op) == reqwest::Method::GET;
        let (status, code) = if safe {
            (401, "unauthenticated")
        } else {
            (403, "csrf")
        };
        return Expect::Refused {
            status,
            code: code.to_owned(),
        };
    }
    let member = |s: Slot| model_member(&world.members[&s]).unwrap();
    let me = match actor {
        _ if foreign => Actor::NonMember,
        ActorKind::FirstOwner => Actor::Member(member(Slot::Owner)),
        ActorKind::Member(..) if world.members.contains_key(&Slot::Actor) => {
            Actor::Member(member(Slot::Actor))
        }
        _ => Actor::NonMember,
    };
    let owners = world
        .members
        .values()
        .filter(|m| m.role == "owner" && m.status == "active")
        .count() as u32;
    let mut facts = Facts::new(world.name.clone(), owners);
    facts.archived = world.variant.archived;
    let check = |a: &Action| authorize(&me, a, &facts).map(|_| ()).map_err(refused);
    let on = |t: Target, make: &dyn Fn(roster_model::Member) -> Action| {
        check(&Action::ListMembers)?;
        match t {
            Target::Elsewhere => Err(Expect::Refused {
                status: 404,
                code: "not_found".to_owned(),
            }),
            Target::Slot(s) => check(&make(member(s))),
        }
    };
    let role = |key: &str| RoleCatalogue::default().resolve_str(key).unwrap();
    let patch = |p: WorkspacePatch| Action::UpdateWorkspace { patch: p };
    let outcome = match op {
        Op::ReadWorkspace => check(&Action::ReadWorkspace),
        Op::Rename => check(&patch(WorkspacePatch {
            settings: true,
            ..Default::default()
        })),
        Op::Describe => check(&patch(WorkspacePatch {
            description: true,
            ..Default::default()
        })),
        Op::MoveRegion => check(&patch(WorkspacePatch {
            region: true,
            ..Default::default()
        })),
        Op::Archive => check(&Action::ArchiveWorkspace),
        Op::Delete { confirmed } => check(&Action::DeleteWorkspace {
            confirm: if confirmed {
                world.name.clone()
            } else {
                "not the name".to_owned()
            },
        }),
        Op::ListConfig | Op::ReadConfig => check(&Action::ReadConfig),
        Op::PutConfig | Op::DeleteConfig => check(&Action::WriteConfig),
        Op::ListMembers | Op::SearchMembers => check(&Action::ListMembers),
        Op::Leave => check(&Action::Leave),
        Op::ListInvitations => check(&Action::ListInvitations),
        Op::Invite(key) => {
            if let Err(e) = check(&Action::InviteMembers) {
                return e;
            }
            let row = Action::Invite {
                role: role(key),
                feature_access: FeatureAccess::All,
                resource_access: ResourceAccess::All,
            };
            let row_invited = Some(authorize(&me, &row, &facts).is_ok());
            return Expect::Allowed {
                row_invited,
                decision: None,
            };
        }
        Op::Resend => check(&Action::ResendInvitation),
        Op::Link | Op::Outbox => check(&Action::CopyInvitationLink),
        Op::Revoke => check(&Action::RevokeInvitation),
        Op::Audit | Op::AuditCsv => check(&Action::ReadAudit),
        Op::Patch(t, c) => on(t, &|target| match c {
            Change::Role(r) => Action::ChangeRole {
                target,
                new_role: role(r),
            },
            Change::Features => Action::ChangeFeatureAccess {
                target,
                access: none(),
            },
            Change::Resources => Action::ChangeResourceAccess {
                target,
                access: none(),
            },
            Change::Deactivate => Action::Deactivate { target },
            Change::Reactivate => Action::Reactivate {
                target,
                seat: SeatState::UNLIMITED,
            },
        }),
        Op::Remove(t) => on(t, &|target| Action::Remove { target }),
        Op::Transfer(t, confirmed) => {
            on(t, &|target| Action::TransferOwnership { target, confirmed })
        }
        Op::Ask(action) | Op::AskAbout(_, action) => {
            let subject = match op {
                Op::AskAbout(Target::Slot(s), _) => Some(Actor::Member(member(s))),
                Op::AskAbout(Target::Elsewhere, _) => Some(Actor::NonMember),
                _ => None,
            };
            let question = Action::Use {
                permission: Permission::parse(action).unwrap(),
                feature: None,
                resource: None,
            };
            return match answer(&me, subject.as_ref(), &question, &facts) {
                Err(d) => refused(d),
                Ok(decided) => Expect::Allowed {
                    row_invited: None,
                    decision: Some(match decided {
                        Ok(_) => (true, "role".to_owned()),
                        Err(d) => (false, d.code().to_owned()),
                    }),
                },
            };
        }
    };
    match outcome {
        Ok(()) => Expect::Allowed {
            row_invited: None,
            decision: None,
        },
        Err(e) => e,
    }
}
