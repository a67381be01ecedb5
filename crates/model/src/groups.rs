//! Groups of users and groups. Invariant: the group graph has no cycles
//! (`add_edge` refuses one), and groups only carry shares and grants, never a
//! role: a group can never make anyone an owner.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use serde::{Deserialize, Serialize};

use crate::ids::{GroupId, UserId};

/// Why a group edge was refused.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
pub enum GroupError {
    /// A group cannot contain itself.
    #[error("A group cannot contain itself.")]
    SelfLoop,
    /// The edge would make a cycle.
    #[error(
        "\u{201c}{child}\u{201d} already contains \u{201c}{parent}\u{201d}, so it cannot also be inside it."
    )]
    Cycle {
        /// The group that was to contain the child.
        parent: GroupId,
        /// The group that was to be contained.
        child: GroupId,
    },
}

/// Users in groups and groups in groups, acyclic.
#[derive(Clone, Default, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct GroupGraph {
    /// user → groups they are directly in.
    users: BTreeMap<UserId, BTreeSet<GroupId>>,
    /// child group → groups that directly contain it.
    parents: BTreeMap<GroupId, BTreeSet<GroupId>>,
    /// parent group → groups it directly contains.
    children: BTreeMap<GroupId, BTreeSet<GroupId>>,
}

impl GroupGraph {
    /// An empty graph.
    pub fn new() -> GroupGraph {
        GroupGraph::default()
    }

    /// Puts `user` directly in `group`.
    pub fn add_member(&mut self, user: UserId, group: GroupId) {
        self.users.entry(user).or_default().insert(group);
    }

    /// Takes `user` out of `group` (direct membership only).
    pub fn remove_member(&mut self, user: &UserId, group: &GroupId) {
        if let Some(gs) = self.users.get_mut(user) {
            gs.remove(group);
        }
    }

    /// Makes `child` a member of `parent`; refuses an edge that closes a cycle.
    pub fn add_edge(&mut self, parent: GroupId, child: GroupId) -> Result<(), GroupError> {
        if parent == child {
            return Err(GroupError::SelfLoop);
        }
        if self.contains_transitively(&child, &parent) {
            return Err(GroupError::Cycle { parent, child });
        }
        self.children
            .entry(parent.clone())
            .or_default()
            .insert(child.clone());
        self.parents.entry(child).or_default().insert(parent);
        Ok(())
    }

    /// Whether `outer` contains `inner` through one or more edges.
    pub fn contains_transitively(&self, outer: &GroupId, inner: &GroupId) -> bool {
        let mut seen = BTreeSet::new();
        let mut queue = VecDeque::from([outer]);
        while let Some(g) = queue.pop_front() {
            for c in self.children.get(g).into_iter().flatten() {
                if c == inner {
                    return true;
                }
                if seen.insert(c) {
                    queue.push_back(c);
                }
            }
        }
        false
    }

    /// Every edge as `(parent, child)`.
    pub fn edges(&self) -> impl Iterator<Item = (&GroupId, &GroupId)> {
        self.children
            .iter()
            .flat_map(|(p, cs)| cs.iter().map(move |c| (p, c)))
    }

    /// Every direct membership as `(user, group)`.
    pub fn memberships(&self) -> impl Iterator<Item = (&UserId, &GroupId)> {
        self.users
            .iter()
            .flat_map(|(u, gs)| gs.iter().map(move |g| (u, g)))
    }

    /// The groups that directly contain `group`.
    pub fn parents_of(&self, group: &GroupId) -> impl Iterator<Item = &GroupId> {
        self.parents.get(group).into_iter().flatten()
    }

    /// Every group `user` is in, directly or through nesting.
    pub fn groups_of(&self, user: &UserId) -> BTreeSet<GroupId> {
        let mut out = BTreeSet::new();
        let mut queue: VecDeque<&GroupId> = self.users.get(user).into_iter().flatten().collect();
        while let Some(g) = queue.pop_front() {
            if out.insert(g.clone()) {
                queue.extend(self.parents_of(g));
            }
        }
        out
    }

    /// The shortest chain `user`'s direct group → … → `target`, if any.
    pub fn path(&self, user: &UserId, target: &GroupId) -> Option<Vec<GroupId>> {
        let mut prev: BTreeMap<&GroupId, Option<&GroupId>> = BTreeMap::new();
        let mut queue = VecDeque::new();
        for g in self.users.get(user).into_iter().flatten() {
            prev.insert(g, None);
            queue.push_back(g);
        }
        while let Some(g) = queue.pop_front() {
            if g == target {
                let mut chain = vec![g.clone()];
                let mut cur = g;
                while let Some(Some(p)) = prev.get(cur) {
                    chain.push((*p).clone());
                    cur = p;
                }
                chain.reverse();
                return Some(chain);
            }
            for p in self.parents_of(g) {
                if !prev.contains_key(p) {
                    prev.insert(p, Some(g));
                    queue.push_back(p);
                }
            }
        }
        None
    }

    /// Per user, every group they are in transitively.
    pub fn flatten(&self) -> BTreeMap<UserId, BTreeSet<GroupId>> {
        self.users
            .keys()
            .map(|u| (u.clone(), self.groups_of(u)))
            .collect()
    }

    /// Whether the graph is acyclic (always true for graphs built with `add_edge`).
    pub fn is_acyclic(&self) -> bool {
        self.children
            .keys()
            .all(|g| !self.contains_transitively(g, g))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(s: &str) -> GroupId {
        GroupId::new(s)
    }

    fn graph(edges: &[(&str, &str)]) -> GroupGraph {
        let mut gg = GroupGraph::new();
        for (p, c) in edges {
            gg.add_edge(g(p), g(c)).unwrap();
        }
        gg
    }

    #[test]
    fn edges_that_close_a_cycle_are_refused() {
        type Case<'a> = (
            &'a [(&'a str, &'a str)],
            (&'a str, &'a str),
            Result<(), GroupError>,
        );
        let cases: &[Case] = &[
            (&[], ("a", "a"), Err(GroupError::SelfLoop)),
            (
                &[("a", "b")],
                ("b", "a"),
                Err(GroupError::Cycle {
                    parent: g("b"),
                    child: g("a"),
                }),
            ),
            (
                &[("a", "b"), ("b", "c")],
                ("c", "a"),
                Err(GroupError::Cycle {
                    parent: g("c"),
                    child: g("a"),
                }),
            ),
            (&[("a", "b"), ("b", "c")], ("a", "c"), Ok(())),
            (&[("a", "b"), ("a", "c")], ("b", "c"), Ok(())),
            (&[("a", "b")], ("a", "b"), Ok(())),
        ];
        for (edges, (p, c), want) in cases {
            let mut gg = graph(edges);
            assert_eq!(gg.add_edge(g(p), g(c)), *want, "{edges:?} + {p}->{c}");
            assert!(gg.is_acyclic());
        }
    }

    #[test]
    fn flatten_follows_nesting() {
        let mut gg = graph(&[("company", "eng"), ("eng", "backend"), ("company", "sales")]);
        let ada = UserId::new("ada");
        gg.add_member(ada.clone(), g("backend"));
        gg.add_member(UserId::new("bob"), g("sales"));
        let flat = gg.flatten();
        assert_eq!(
            flat[&ada],
            [g("backend"), g("company"), g("eng")].into_iter().collect()
        );
        assert_eq!(flat[&UserId::new("bob")].len(), 2);
        assert_eq!(
            gg.path(&ada, &g("company")),
            Some(vec![g("backend"), g("eng"), g("company")])
        );
        assert_eq!(gg.path(&ada, &g("sales")), None);
        gg.remove_member(&ada, &g("backend"));
        assert!(gg.groups_of(&ada).is_empty());
    }
}
