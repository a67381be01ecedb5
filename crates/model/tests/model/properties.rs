//! Property tests of PRODUCT.md's "Rules that must always hold": random
//! workspaces and requests, the allowed ones applied, the invariants checked.
//! 2,000 cases per property, 6 properties (12,000 in all).

use std::collections::BTreeSet;

use proptest::prelude::*;
use roster_model::*;

const CASES: u32 = 2_000;
const FEATURES: [&str; 4] = ["dashboard", "ai_chat", "query_builder", "data_view"];

fn arb_role() -> impl Strategy<Value = Role> {
    let assignable: Vec<Permission> = Permission::ALL
        .iter()
        .copied()
        .filter(|p| !OWNER_ONLY.contains(*p))
        .collect();
    prop_oneof![
        3 => prop::sample::select(BuiltinRole::ALL.to_vec()).prop_map(Role::builtin),
        1 => prop::sample::subsequence(assignable.clone(), 0..assignable.len()).prop_map(|ps| {
            CustomRole::new(RoleId::new("custom"), RoleName::parse("Custom").unwrap(), ps.into_iter().collect())
                .unwrap()
                .role()
        }),
    ]
}

fn arb_features() -> impl Strategy<Value = FeatureAccess> {
    prop_oneof![
        Just(FeatureAccess::All),
        prop::sample::subsequence(FEATURES.to_vec(), 0..=4).prop_map(|ks| FeatureAccess::Only(
            ks.iter().map(|k| FeatureKey::parse(k).unwrap()).collect()
        )),
    ]
}

fn arb_resources() -> impl Strategy<Value = ResourceAccess> {
    prop_oneof![
        Just(ResourceAccess::All),
        prop::sample::subsequence(vec!["r0", "r1", "r2"], 0..=3)
            .prop_map(|rs| ResourceAccess::Only(rs.into_iter().map(ResourceId::new).collect())),
    ]
}

fn arb_status() -> impl Strategy<Value = MemberStatus> {
    prop_oneof![6 => Just(MemberStatus::Active), 1 => Just(MemberStatus::Invited), 1 => Just(MemberStatus::Deactivated)]
}

/// 2–6 members; member `i` is user `u{i}` (every third one an API key).
fn arb_world() -> impl Strategy<Value = Vec<Member>> {
    prop::collection::vec(
        (arb_role(), arb_status(), arb_features(), arb_resources()),
        2..=6,
    )
    .prop_map(|rows| {
        rows.into_iter()
            .enumerate()
            .map(
                |(i, (role, status, feature_access, resource_access))| Member {
                    id: MemberId::new(format!("m{i}")),
                    principal: if i % 3 == 2 {
                        Principal::ApiKey(ApiKeyId::new(format!("k{i}")))
                    } else {
                        Principal::User(UserId::new(format!("u{i}")))
                    },
                    role,
                    status,
                    feature_access,
                    resource_access,
                },
            )
            .collect()
    })
}

/// A member-changing request: (kind, target index, role, access, confirmed).
type Request = (u8, usize, Role, FeatureAccess, ResourceAccess, bool);

fn arb_request() -> impl Strategy<Value = Request> {
    (
        0u8..10,
        0usize..6,
        arb_role(),
        arb_features(),
        arb_resources(),
        any::<bool>(),
    )
}

fn active_owners(world: &[Member]) -> u32 {
    world.iter().filter(|m| m.is_active_owner()).count() as u32
}

fn action_for(world: &[Member], req: &Request) -> Action {
    let (kind, t, role, fa, ra, yes) = req.clone();
    let target = world[t % world.len()].clone();
    match kind {
        0 => Action::ChangeRole {
            target,
            new_role: role,
        },
        1 => Action::Deactivate { target },
        2 => Action::Reactivate {
            target,
            seat: SeatState::UNLIMITED,
        },
        3 => Action::Remove { target },
        4 => Action::Leave,
        5 => Action::TransferOwnership {
            target,
            confirmed: yes,
        },
        6 => Action::ChangeFeatureAccess { target, access: fa },
        7 => Action::ChangeResourceAccess { target, access: ra },
        8 => Action::RevokeApiKey { target },
        _ => Action::Invite {
            role,
            feature_access: fa,
            resource_access: ra,
        },
    }
}

/// Applies an allowed request to the world, as the server would.
fn apply(world: &mut Vec<Member>, actor: usize, action: &Action) {
    let idx = |world: &Vec<Member>, id: &MemberId| world.iter().position(|m| m.id == *id);
    match action {
        Action::ChangeRole { target, new_role } => {
            if let Some(i) = idx(world, &target.id) {
                world[i].role = new_role.clone();
            }
        }
        Action::Deactivate { target } => {
            if let Some(i) = idx(world, &target.id) {
                world[i].status = MemberStatus::Deactivated;
            }
        }
        Action::Reactivate { target, .. } => {
            if let Some(i) = idx(world, &target.id) {
                world[i].status = MemberStatus::Active;
            }
        }
        Action::Remove { target } | Action::RevokeApiKey { target } => {
            world.retain(|m| m.id != target.id)
        }
        Action::Leave => {
            world.remove(actor);
        }
        Action::TransferOwnership { target, .. } => {
            if let Some(i) = idx(world, &target.id) {
                world[i].role = Role::builtin(BuiltinRole::Owner);
            }
            world[actor].role = Role::builtin(BuiltinRole::Admin);
        }
        Action::ChangeFeatureAccess { target, access } => {
            if let Some(i) = idx(world, &target.id) {
                world[i].feature_access = access.clone();
            }
        }
        Action::ChangeResourceAccess { target, access } => {
            if let Some(i) = idx(world, &target.id) {
                world[i].resource_access = access.clone();
            }
        }
        Action::Invite {
            role,
            feature_access,
            resource_access,
        } => world.push(Member {
            id: MemberId::new(format!("m{}", world.len() + 100)),
            principal: Principal::User(UserId::new(format!("new{}", world.len()))),
            role: role.clone(),
            status: MemberStatus::Invited,
            feature_access: feature_access.clone(),
            resource_access: resource_access.clone(),
        }),
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, ..ProptestConfig::default() })]

    /// Rule 1: a sequence of allowed transitions never leaves zero active owners.
    #[test]
    fn allowed_transitions_keep_an_active_owner(
        mut world in arb_world(),
        steps in prop::collection::vec((0usize..6, arb_request()), 1..8),
    ) {
        // Start from a valid workspace: member 0 is an active user owner.
        world[0].role = Role::builtin(BuiltinRole::Owner);
        world[0].status = MemberStatus::Active;
        for (a, req) in steps {
            let actor_i = a % world.len();
            let action = action_for(&world, &req);
            let facts = Facts::new("W", active_owners(&world));
            if authorize(&Actor::Member(world[actor_i].clone()), &action, &facts).is_ok() {
                apply(&mut world, actor_i, &action);
                prop_assert!(active_owners(&world) >= 1, "{action:?} left no owner");
            }
        }
    }

    /// Rule 3: whatever an allowed request gives someone, the actor holds.
    #[test]
    fn nobody_gains_what_the_actor_lacks(world in arb_world(), a in 0usize..6, req in arb_request()) {
        let actor = world[a % world.len()].clone();
        let action = action_for(&world, &req);
        let facts = Facts::new("W", active_owners(&world));
        if authorize(&Actor::Member(actor.clone()), &action, &facts).is_ok() {
            let before: Vec<Member> = world.clone();
            let mut after = world.clone();
            let actor_i = a % world.len();
            apply(&mut after, actor_i, &action);
            let mine = actor.effective_permissions();
            for m in after.iter().filter(|m| m.id != actor.id) {
                let old = before.iter().find(|b| b.id == m.id);
                // What the change hands out: a new member's role, a changed
                // role, or the role of someone made active again.
                let role_changed = old.is_none_or(|o| o.role != m.role);
                let newly_active = m.is_active() && !old.is_some_and(Member::is_active);
                let gained = if role_changed || newly_active { m.role.permissions() } else { PermissionSet::EMPTY };
                prop_assert!(gained.is_subset(mine), "{} gained {gained:?} from {:?}", m.id, action);
                if old.is_none_or(|o| o.feature_access != m.feature_access) {
                    prop_assert!(m.feature_access.is_subset(&actor.feature_access));
                }
                if old.is_none_or(|o| o.resource_access != m.resource_access) {
                    prop_assert!(m.resource_access.is_subset(&actor.resource_access));
                }
            }
        }
    }

    /// Rule 6 and 5: deactivated, invited and removed members are allowed nothing
    /// (an invited member may only answer the invitation).
    #[test]
    fn inactive_or_removed_actors_are_allowed_nothing(world in arb_world(), a in 0usize..6, req in arb_request()) {
        let mut actor = world[a % world.len()].clone();
        let action = action_for(&world, &req);
        let facts = Facts::new("W", active_owners(&world));
        prop_assert!(authorize(&Actor::NonMember, &action, &facts).is_err());
        actor.status = MemberStatus::Deactivated;
        prop_assert!(authorize(&Actor::Member(actor.clone()), &action, &facts).is_err());
        actor.status = MemberStatus::Invited;
        prop_assert!(authorize(&Actor::Member(actor), &action, &facts).is_err());
    }

    /// Groups: add_edge keeps the graph acyclic, and refuses exactly the edges
    /// that would close a cycle.
    #[test]
    fn group_graphs_stay_acyclic(edges in prop::collection::vec((0u8..8, 0u8..8), 0..30)) {
        let mut graph = GroupGraph::new();
        let mut accepted: Vec<(u8, u8)> = Vec::new();
        for (p, c) in edges {
            let reach = |from: u8, to: u8, acc: &Vec<(u8, u8)>| {
                let mut seen = BTreeSet::from([from]);
                let mut stack = vec![from];
                while let Some(x) = stack.pop() {
                    for &(pp, cc) in acc {
                        if pp == x && seen.insert(cc) {
                            stack.push(cc);
                        }
                    }
                }
                seen.contains(&to)
            };
            let would_cycle = reach(c, p, &accepted);
            let res = graph.add_edge(GroupId::new(format!("g{p}")), GroupId::new(format!("g{c}")));
            prop_assert_eq!(res.is_err(), would_cycle);
            if res.is_ok() {
                accepted.push((p, c));
            }
            prop_assert!(graph.is_acyclic());
        }
    }

    /// Adding a share, a group membership or a group edge never removes access.
    #[test]
    fn more_grants_never_remove_access(
        edges in prop::collection::vec((0u8..5, 0u8..5), 0..8),
        joins in prop::collection::vec((0u8..3, 0u8..5), 0..5),
        shares in prop::collection::vec((0u8..5, any::<bool>()), 0..4),
        extra in (0u8..3, 0u8..5, 0u8..5, any::<bool>()),
        roles in prop::collection::vec(arb_role(), 3),
    ) {
        let members: Vec<Member> = roles.into_iter().enumerate().map(|(i, r)| {
            Member::active(MemberId::new(format!("m{i}")), Principal::User(UserId::new(format!("u{i}"))), r)
        }).collect();
        let mut facts = Facts::new("W", 1);
        for (p, c) in edges {
            let _ = facts.groups.add_edge(GroupId::new(format!("g{p}")), GroupId::new(format!("g{c}")));
        }
        for (u, g) in joins {
            facts.groups.add_member(UserId::new(format!("u{u}")), GroupId::new(format!("g{g}")));
        }
        let level = |edit: bool| if edit { ShareLevel::Edit } else { ShareLevel::View };
        let mut coll = SharedResource {
            id: ResourceId::new("c"),
            shares: shares.iter().map(|(g, e)| Share { grantee: Grantee::Group(GroupId::new(format!("g{g}"))), level: level(*e) }).collect(),
        };
        let decide = |facts: &Facts, coll: &SharedResource| -> Vec<bool> {
            members.iter().flat_map(|m| {
                [Permission::ContentRead, Permission::ContentEdit, Permission::ContentDelete].map(|p| {
                    let action = Action::Use { permission: p, feature: None, resource: Some(ResourceRef::Shared(coll.clone())) };
                    authorize(&Actor::Member(m.clone()), &action, facts).is_ok()
                })
            }).collect()
        };
        let before = decide(&facts, &coll);
        let (kind, a, b, e) = extra;
        match kind {
            0 => facts.groups.add_member(UserId::new(format!("u{}", a % 3)), GroupId::new(format!("g{b}"))),
            1 => { let _ = facts.groups.add_edge(GroupId::new(format!("g{a}")), GroupId::new(format!("g{b}"))); }
            _ => coll.shares.push(Share { grantee: Grantee::Group(GroupId::new(format!("g{b}"))), level: level(e) }),
        }
        let after = decide(&facts, &coll);
        for (i, (x, y)) in before.iter().zip(&after).enumerate() {
            prop_assert!(!x || *y, "request {i} lost access");
        }
    }

    /// A group can never make anyone an owner: shares only ever give content
    /// access, so an owner-only action's answer ignores the group graph.
    #[test]
    fn groups_never_own(world in arb_world(), a in 0usize..6, joins in prop::collection::vec((0u8..6, 0u8..3), 0..6)) {
        let actor = Actor::Member(world[a % world.len()].clone());
        let plain = Facts::new("W", 1);
        let mut grouped = plain.clone();
        for (u, g) in joins {
            grouped.groups.add_member(UserId::new(format!("u{u}")), GroupId::new(format!("g{g}")));
        }
        for action in [Action::ManageBilling, Action::DeleteWorkspace { confirm: "W".into() }, Action::SaveRole { permissions: PermissionSet::EMPTY }] {
            prop_assert_eq!(authorize(&actor, &action, &plain).is_ok(), authorize(&actor, &action, &grouped).is_ok());
        }
    }
}
