//! Benchmark of a warm access check: a user in three nested groups, with a
//! custom role and a collection shared with the outermost group. Measures the
//! compiled `AccessIndex`, the full `authorize`, and the same policy in Cedar
//! (`cedar-policy` 4), printing p50/p99 per call and the ratio.

use std::hint::black_box;
use std::time::Instant;

use cedar_policy::{Authorizer, Context, Decision, Entities, EntityUid, PolicySet, Request};
use criterion::Criterion;
use roster_model::*;

struct Scenario {
    index: AccessIndex,
    member: Member,
    facts: Facts,
    collection: SharedResource,
    user: UserId,
    resource: ResourceId,
}

/// 200 members, 60 groups, 50 collections; `alice` is in g1 ⊂ g2 ⊂ g3, holds
/// the custom role "analyst" (Viewer + content:edit) and `reports` is shared
/// with g3 for editing.
fn scenario() -> Scenario {
    let mut groups = GroupGraph::new();
    groups
        .add_edge(GroupId::new("g2"), GroupId::new("g1"))
        .unwrap();
    groups
        .add_edge(GroupId::new("g3"), GroupId::new("g2"))
        .unwrap();
    for i in 4..60 {
        groups
            .add_edge(
                GroupId::new(format!("g{}", i / 2)),
                GroupId::new(format!("g{i}")),
            )
            .unwrap_or(());
    }
    let analyst = CustomRole::new(
        RoleId::new("analyst"),
        RoleName::parse("Analyst").unwrap(),
        builtin_permissions(BuiltinRole::Viewer).with(Permission::ContentEdit),
    )
    .unwrap()
    .role();
    let mut members = Vec::new();
    for i in 0..200 {
        let user = UserId::new(format!("user{i}"));
        groups.add_member(user.clone(), GroupId::new(format!("g{}", 4 + i % 56)));
        let role = Role::builtin(BuiltinRole::ALL[i % 4]);
        members.push(Member::active(
            MemberId::new(format!("m{i}")),
            Principal::User(user),
            role,
        ));
    }
    let alice = UserId::new("alice");
    groups.add_member(alice.clone(), GroupId::new("g1"));
    let member = Member::active(
        MemberId::new("m_alice"),
        Principal::User(alice.clone()),
        analyst,
    );
    members.push(member.clone());
    let mut shared: Vec<SharedResource> = (0..50)
        .map(|i| SharedResource {
            id: ResourceId::new(format!("coll{i}")),
            shares: vec![Share {
                grantee: Grantee::Group(GroupId::new(format!("g{}", 4 + i))),
                level: ShareLevel::View,
            }],
        })
        .collect();
    let collection = SharedResource {
        id: ResourceId::new("reports"),
        shares: vec![Share {
            grantee: Grantee::Group(GroupId::new("g3")),
            level: ShareLevel::Edit,
        }],
    };
    shared.push(collection.clone());
    let index = AccessIndex::build(&members, &groups, &shared, &[]);
    let facts = Facts {
        groups,
        ..Facts::new("Acme", 1)
    };
    Scenario {
        index,
        member,
        facts,
        collection,
        user: alice,
        resource: ResourceId::new("reports"),
    }
}

const CEDAR_POLICIES: &str = r#"
permit(principal, action == Action::"content:edit", resource is Collection)
when {
  principal in Role::"analyst" &&
  principal in resource.editors &&
  (principal.all_resources || principal.resources.contains(resource))
};
permit(principal, action == Action::"content:read", resource is Collection)
when {
  (principal in Role::"analyst" || principal in Role::"viewer") &&
  (principal in resource.editors || principal in resource.viewers) &&
  (principal.all_resources || principal.resources.contains(resource))
};
"#;

const CEDAR_ENTITIES: &str = r#"[
  {"uid": {"type": "User", "id": "alice"},
   "attrs": {"all_resources": true, "resources": []},
   "parents": [{"type": "Group", "id": "g1"}, {"type": "Role", "id": "analyst"}]},
  {"uid": {"type": "Group", "id": "g1"}, "attrs": {}, "parents": [{"type": "Group", "id": "g2"}]},
  {"uid": {"type": "Group", "id": "g2"}, "attrs": {}, "parents": [{"type": "Group", "id": "g3"}]},
  {"uid": {"type": "Group", "id": "g3"}, "attrs": {}, "parents": []},
  {"uid": {"type": "Role", "id": "analyst"}, "attrs": {}, "parents": []},
  {"uid": {"type": "Role", "id": "viewer"}, "attrs": {}, "parents": []},
  {"uid": {"type": "Collection", "id": "reports"},
   "attrs": {"editors": [{"__entity": {"type": "Group", "id": "g3"}}], "viewers": []},
   "parents": []}
]"#;

struct Cedar {
    authorizer: Authorizer,
    policies: PolicySet,
    entities: Entities,
    request: Request,
}

fn cedar() -> Cedar {
    let uid = |s: &str| -> EntityUid { s.parse().expect("entity uid") };
    let request = Request::new(
        uid(r#"User::"alice""#),
        uid(r#"Action::"content:edit""#),
        uid(r#"Collection::"reports""#),
        Context::empty(),
        None,
    )
    .expect("request");
    Cedar {
        authorizer: Authorizer::new(),
        policies: CEDAR_POLICIES.parse().expect("policies"),
        entities: Entities::from_json_str(CEDAR_ENTITIES, None).expect("entities"),
        request,
    }
}

/// Times `samples` batches of `batch` calls; returns (p50, p99) ns per call.
fn percentiles(samples: usize, batch: usize, mut f: impl FnMut() -> bool) -> (f64, f64) {
    for _ in 0..batch * 10 {
        black_box(f());
    }
    let mut per_call: Vec<f64> = (0..samples)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..batch {
                black_box(f());
            }
            start.elapsed().as_nanos() as f64 / batch as f64
        })
        .collect();
    per_call.sort_by(f64::total_cmp);
    let at = |q: f64| per_call[((per_call.len() - 1) as f64 * q).round() as usize];
    (at(0.50), at(0.99))
}

fn main() {
    let s = scenario();
    let c = cedar();
    let action = Action::Use {
        permission: Permission::ContentEdit,
        feature: None,
        resource: Some(ResourceRef::Shared(s.collection.clone())),
    };
    let actor = Actor::Member(s.member.clone());
    let slot = s.index.user(&s.user).expect("alice is indexed");
    let res_slot = s.index.resource(&s.resource);

    // The three must agree before their speed means anything.
    assert!(s.index.check(&s.user, Permission::ContentEdit, &s.resource));
    assert!(authorize(&actor, &action, &s.facts).is_ok());
    let cedar_allow = |c: &Cedar| {
        c.authorizer
            .is_authorized(&c.request, &c.policies, &c.entities)
            .decision()
            == Decision::Allow
    };
    assert!(cedar_allow(&c));

    let mut crit = Criterion::default().configure_from_args();
    crit.bench_function("access_index_check (ids)", |b| {
        b.iter(|| {
            s.index.check(
                black_box(&s.user),
                black_box(Permission::ContentEdit),
                black_box(&s.resource),
            )
        })
    });
    crit.bench_function("access_index_check_slots", |b| {
        b.iter(|| {
            s.index.check_slots(
                black_box(slot),
                black_box(Permission::ContentEdit),
                black_box(res_slot),
            )
        })
    });
    crit.bench_function("authorize (Use, shared via 3 groups)", |b| {
        b.iter(|| authorize(black_box(&actor), black_box(&action), black_box(&s.facts)).is_ok())
    });
    crit.bench_function("cedar is_authorized", |b| {
        b.iter(|| cedar_allow(black_box(&c)))
    });

    let ours = percentiles(20_000, 1_000, || {
        s.index.check(
            black_box(&s.user),
            Permission::ContentEdit,
            black_box(&s.resource),
        )
    });
    let slots = percentiles(20_000, 1_000, || {
        s.index.check_slots(
            black_box(slot),
            Permission::ContentEdit,
            black_box(res_slot),
        )
    });
    let user_lookup = percentiles(20_000, 1_000, || s.index.user(black_box(&s.user)).is_some());
    let res_lookup = percentiles(20_000, 1_000, || {
        s.index.resource(black_box(&s.resource)).is_some()
    });
    let full = percentiles(2_000, 100, || {
        authorize(black_box(&actor), black_box(&action), black_box(&s.facts)).is_ok()
    });
    let cedar_t = percentiles(2_000, 20, || cedar_allow(black_box(&c)));
    println!();
    println!("per-call latency, warm (batches timed with Instant, divided by batch size):");
    println!(
        "  AccessIndex::check (ids)   p50 {:>9.1} ns   p99 {:>9.1} ns",
        ours.0, ours.1
    );
    println!(
        "  AccessIndex::check_slots   p50 {:>9.1} ns   p99 {:>9.1} ns",
        slots.0, slots.1
    );
    println!(
        "    of which user lookup     p50 {:>9.1} ns   p99 {:>9.1} ns",
        user_lookup.0, user_lookup.1
    );
    println!(
        "    of which resource lookup p50 {:>9.1} ns   p99 {:>9.1} ns",
        res_lookup.0, res_lookup.1
    );
    println!(
        "  authorize (full rules)     p50 {:>9.1} ns   p99 {:>9.1} ns",
        full.0, full.1
    );
    println!(
        "  cedar is_authorized        p50 {:>9.1} ns   p99 {:>9.1} ns",
        cedar_t.0, cedar_t.1
    );
    println!(
        "  Cedar / AccessIndex::check   p50 {:>7.0}x   p99 {:>7.0}x",
        cedar_t.0 / ours.0,
        cedar_t.1 / ours.1
    );
    println!(
        "  Cedar / authorize            p50 {:>7.1}x   p99 {:>7.1}x",
        cedar_t.0 / full.0,
        cedar_t.1 / full.1
    );
}
