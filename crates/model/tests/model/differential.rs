//! Differential test: the compiled `AccessIndex`, `authorize` and a naive,
//! obviously-correct evaluator that walks the raw group edges must agree on
//! 100,000 random requests (1,000 random workspaces × 100 requests each,
//! from a fixed seed so a failure reproduces).

use roster_model::*;

/// xorshift64*: small, seeded, good enough to spread test cases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, per_cent: u64) -> bool {
        self.next() % 100 < per_cent
    }
}

const GROUPS: usize = 8;
const RESOURCES: usize = 6;
const SHARED: usize = 3;
const USERS: usize = 8;

/// One random workspace, kept as raw lists for the naive evaluator.
struct World {
    members: Vec<Member>,
    /// Accepted (parent, child) group edges.
    edges: Vec<(usize, usize)>,
    /// Direct (user, group) memberships.
    joins: Vec<(usize, usize)>,
    shared: Vec<SharedResource>,
}

fn group(i: usize) -> GroupId {
    GroupId::new(format!("g{i}"))
}

fn resource(i: usize) -> ResourceId {
    ResourceId::new(format!("r{i}"))
}

fn random_world(rng: &mut Rng) -> (World, GroupGraph) {
    let mut graph = GroupGraph::new();
    let mut edges = Vec::new();
    for _ in 0..rng.below(12) {
        let (p, c) = (rng.below(GROUPS), rng.below(GROUPS));
        if graph.add_edge(group(p), group(c)).is_ok() {
            edges.push((p, c));
        }
    }
    let mut joins = Vec::new();
    for _ in 0..rng.below(10) {
        let (u, g) = (rng.below(USERS), rng.below(GROUPS));
        graph.add_member(UserId::new(format!("u{u}")), group(g));
        joins.push((u, g));
    }
    let present: Vec<usize> = (0..USERS).filter(|_| rng.chance(85)).collect();
    let members = present
        .into_iter()
        .map(|u| {
            let role = if rng.chance(70) {
                Role::builtin(BuiltinRole::ALL[rng.below(4)])
            } else {
                let perms: PermissionSet = Permission::ALL
                    .iter()
                    .copied()
                    .filter(|p| !OWNER_ONLY.contains(*p) && rng.chance(40))
                    .collect();
                CustomRole::new(RoleId::new("c"), RoleName::parse("C").unwrap(), perms)
                    .unwrap()
                    .role()
            };
            let status = match rng.below(10) {
                0 => MemberStatus::Invited,
                1 => MemberStatus::Deactivated,
                _ => MemberStatus::Active,
            };
            let resource_access = if rng.chance(50) {
                ResourceAccess::All
            } else {
                ResourceAccess::Only(
                    (0..RESOURCES)
                        .filter(|_| rng.chance(50))
                        .map(resource)
                        .collect(),
                )
            };
            Member {
                id: MemberId::new(format!("m{u}")),
                principal: Principal::User(UserId::new(format!("u{u}"))),
                role,
                status,
                feature_access: FeatureAccess::All,
                resource_access,
            }
        })
        .collect();
    let shared = (0..SHARED)
        .map(|r| SharedResource {
            id: resource(r),
            shares: (0..rng.below(4))
                .map(|_| Share {
                    grantee: if rng.chance(30) {
                        Grantee::Member(MemberId::new(format!("m{}", rng.below(USERS))))
                    } else {
                        Grantee::Group(group(rng.below(GROUPS)))
                    },
                    level: if rng.chance(50) {
                        ShareLevel::View
                    } else {
                        ShareLevel::Edit
                    },
                })
                .collect(),
        })
        .collect();
    (
        World {
            members,
            edges,
            joins,
            shared,
        },
        graph,
    )
}

/// Does group `outer` contain group `inner` (or is it it)? Plain recursion
/// over the edge list; terminates because accepted edges are acyclic.
fn naive_contains(edges: &[(usize, usize)], outer: usize, inner: usize) -> bool {
    outer == inner
        || edges
            .iter()
            .any(|&(p, c)| p == outer && naive_contains(edges, c, inner))
}

fn naive_in_group(w: &World, user: usize, g: usize) -> bool {
    w.joins
        .iter()
        .any(|&(u, direct)| u == user && naive_contains(&w.edges, g, direct))
}

/// The reference: PRODUCT.md's rules spelled out with no cleverness.
fn naive(w: &World, user: usize, p: Permission, r: usize) -> bool {
    let Some(m) = w
        .members
        .iter()
        .find(|m| m.principal == Principal::User(UserId::new(format!("u{user}"))))
    else {
        return false;
    };
    if m.status != MemberStatus::Active || !m.role.permissions().contains(p) {
        return false;
    }
    if let ResourceAccess::Only(set) = &m.resource_access
        && !set.contains(&resource(r))
    {
        return false;
    }
    let Some(coll) = w.shared.iter().find(|s| s.id == resource(r)) else {
        return true;
    };
    if m.role.permissions().contains(Permission::CollectionsManage) {
        return true;
    }
    let needed = if p.is_read() {
        ShareLevel::View
    } else {
        ShareLevel::Edit
    };
    coll.shares.iter().any(|s| {
        let reaches = match &s.grantee {
            Grantee::Member(id) => *id == m.id,
            Grantee::Group(g) => naive_in_group(w, user, g.as_str()[1..].parse().unwrap()),
        };
        reaches && s.level >= needed
    })
}

#[test]
fn the_index_authorize_and_a_naive_evaluator_agree_on_100_000_requests() {
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    let mut checked = 0u32;
    let mut allowed = 0u32;
    for _ in 0..1_000 {
        let (world, graph) = random_world(&mut rng);
        let index = AccessIndex::build(&world.members, &graph, &world.shared, &[]);
        let facts = Facts {
            groups: graph,
            ..Facts::new("W", 1)
        };
        for _ in 0..100 {
            let user = rng.below(USERS + 1);
            let p = Permission::ALL[rng.below(Permission::ALL.len())];
            let r = rng.below(RESOURCES + 1);
            let want = naive(&world, user, p, r);
            let uid = UserId::new(format!("u{user}"));
            let got = index.check(&uid, p, &resource(r));
            assert_eq!(
                got, want,
                "index: user u{user} {p} r{r}; edges {:?} joins {:?}",
                world.edges, world.joins
            );
            if let Some(m) = world
                .members
                .iter()
                .find(|m| m.principal == Principal::User(uid.clone()))
            {
                let res = match world.shared.iter().find(|s| s.id == resource(r)) {
                    Some(s) => ResourceRef::Shared(s.clone()),
                    None => ResourceRef::Plain { id: resource(r) },
                };
                let action = Action::Use {
                    permission: p,
                    feature: None,
                    resource: Some(res),
                };
                let by_rules = authorize(&Actor::Member(m.clone()), &action, &facts).is_ok();
                assert_eq!(by_rules, want, "authorize: user u{user} {p} r{r}");
            }
            checked += 1;
            allowed += u32::from(want);
        }
    }
    assert_eq!(checked, 100_000);
    // Guard against a generator that only ever produces one answer.
    assert!(
        allowed > 5_000 && allowed < 95_000,
        "allowed {allowed} of {checked}"
    );
}
