//! `AccessIndex`: the compiled policy. Built once per workspace snapshot, it
//! flattens groups, roles, resource access and shares into bitsets so a check
//! is two hash lookups and two bit tests, never a graph walk. Invariant: it
//! answers exactly what `authorize(Action::Use { .. })` answers (the
//! differential test in `tests/differential.rs` holds it to that).
//!
//! Memory is one bit per (subject, resource) per level: build it per workspace.

mod fx;

use std::collections::{BTreeMap, BTreeSet};

use fx::{FxMap, IdTable};

use crate::groups::GroupGraph;
use crate::ids::{GroupId, ResourceId, UserId};
use crate::member::{FeatureAccess, Member, Principal, ResourceAccess};
use crate::permission::{Permission, PermissionSet};
use crate::shares::{Grantee, SEE_ALL_SHARED, ShareLevel, SharedResource};
use crate::values::FeatureKey;

/// A subject's slot in the index (from [`AccessIndex::subject`]).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct SubjectSlot(u32);

/// A resource's slot in the index (from [`AccessIndex::resource`]).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct ResourceSlot(u32);

/// The compiled policy of one workspace.
#[derive(Clone, Debug)]
pub struct AccessIndex {
    users: IdTable,
    keys: IdTable,
    resources: IdTable,
    /// Effective permissions per subject (empty unless Active).
    perms: Vec<PermissionSet>,
    /// Whether the subject's resource access is "all" (for unindexed resources).
    all_resources: Vec<bool>,
    features: Vec<FeatureAccess>,
    /// u64 words per subject row.
    words: usize,
    /// Rows of bits: the resource is reachable for reading.
    view: Vec<u64>,
    /// Rows of bits: the resource is reachable for anything else.
    edit: Vec<u64>,
}

impl AccessIndex {
    /// Compiles members, the group graph and the shared resources. Resources
    /// named in resource-access lists are indexed as plain resources; `plain`
    /// may list more.
    pub fn build(
        members: &[Member],
        groups: &GroupGraph,
        shared: &[SharedResource],
        plain: &[ResourceId],
    ) -> AccessIndex {
        let mut resources: FxMap<ResourceId, u32> = FxMap::default();
        let mut intern = |id: &ResourceId| {
            let next = resources.len() as u32;
            resources.entry(id.clone()).or_insert(next);
        };
        shared.iter().for_each(|s| intern(&s.id));
        plain.iter().for_each(&mut intern);
        for m in members {
            if let ResourceAccess::Only(ids) = &m.resource_access {
                ids.iter().for_each(&mut intern);
            }
        }
        let mut shares_of: Vec<Option<&SharedResource>> = vec![None; resources.len()];
        for s in shared {
            shares_of[resources[&s.id] as usize] = Some(s);
        }

        let words = resources.len().div_ceil(64).max(1);
        let flat: BTreeMap<UserId, BTreeSet<GroupId>> = groups.flatten();
        let empty = BTreeSet::new();
        let mut index = AccessIndex {
            users: IdTable::default(),
            keys: IdTable::default(),
            resources: IdTable::default(),
            perms: Vec::with_capacity(members.len()),
            all_resources: Vec::with_capacity(members.len()),
            features: Vec::with_capacity(members.len()),
            words,
            view: vec![0; words * members.len()],
            edit: vec![0; words * members.len()],
        };
        let slots: Vec<(ResourceId, u32)> = resources.into_iter().collect();
        for (id, r) in &slots {
            index.resources.insert(id.as_str(), *r);
        }
        for (s, m) in members.iter().enumerate() {
            let s32 = s as u32;
            match &m.principal {
                Principal::User(u) => index.users.insert(u.as_str(), s32),
                Principal::ApiKey(k) => index.keys.insert(k.as_str(), s32),
            };
            let perms = m.effective_permissions();
            index.perms.push(perms);
            index
                .all_resources
                .push(matches!(m.resource_access, ResourceAccess::All));
            index.features.push(m.feature_access.clone());
            let user_groups = m.user().and_then(|u| flat.get(u)).unwrap_or(&empty);
            let see_all = perms.contains(SEE_ALL_SHARED);
            for (id, r) in &slots {
                if !m.resource_access.allows(id) {
                    continue;
                }
                let level = match shares_of[*r as usize] {
                    None => Some(ShareLevel::Edit),
                    Some(_) if see_all => Some(ShareLevel::Edit),
                    Some(res) => best_level(m, res, user_groups),
                };
                let (word, bit) = (s * words + (*r as usize) / 64, 1u64 << (r % 64));
                if level.is_some() {
                    index.view[word] |= bit;
                }
                if level == Some(ShareLevel::Edit) {
                    index.edit[word] |= bit;
                }
            }
        }
        index
    }

    /// The slot of a principal, if it is a member.
    #[inline]
    pub fn subject(&self, principal: &Principal) -> Option<SubjectSlot> {
        match principal {
            Principal::User(u) => self.users.get(u.as_str()),
            Principal::ApiKey(k) => self.keys.get(k.as_str()),
        }
        .map(SubjectSlot)
    }

    /// The slot of a user, if they are a member.
    #[inline]
    pub fn user(&self, user: &UserId) -> Option<SubjectSlot> {
        self.users.get(user.as_str()).map(SubjectSlot)
    }

    /// The slot of an indexed resource.
    #[inline]
    pub fn resource(&self, id: &ResourceId) -> Option<ResourceSlot> {
        self.resources.get(id.as_str()).map(ResourceSlot)
    }

    /// The hot path: may the subject use `permission` on the resource?
    /// `None` for the resource means "an unindexed resource": allowed only with
    /// resource access "all".
    #[inline]
    pub fn check_slots(
        &self,
        s: SubjectSlot,
        permission: Permission,
        r: Option<ResourceSlot>,
    ) -> bool {
        let s = s.0 as usize;
        if !self.perms[s].contains(permission) {
            return false;
        }
        let Some(ResourceSlot(r)) = r else {
            return self.all_resources[s];
        };
        let rows = if permission.is_read() {
            &self.view
        } else {
            &self.edit
        };
        rows[s * self.words + (r as usize) / 64] & (1u64 << (r % 64)) != 0
    }

    /// May `user` use `permission` on `resource`? (Lookups plus the hot path.)
    #[inline]
    pub fn check(&self, user: &UserId, permission: Permission, resource: &ResourceId) -> bool {
        match self.user(user) {
            Some(s) => self.check_slots(s, permission, self.resource(resource)),
            None => false,
        }
    }

    /// May `principal` use `permission`, with no resource involved?
    pub fn check_permission(&self, principal: &Principal, permission: Permission) -> bool {
        self.subject(principal)
            .is_some_and(|s| self.perms[s.0 as usize].contains(permission))
    }

    /// Does `principal`'s feature access cover `feature`? (False for non-members.)
    pub fn allows_feature(&self, principal: &Principal, feature: &FeatureKey) -> bool {
        self.subject(principal)
            .is_some_and(|s| self.features[s.0 as usize].allows(feature))
    }
}

fn best_level(m: &Member, res: &SharedResource, groups: &BTreeSet<GroupId>) -> Option<ShareLevel> {
    res.shares
        .iter()
        .filter(|sh| match &sh.grantee {
            Grantee::Member(id) => *id == m.id,
            Grantee::Group(g) => groups.contains(g),
        })
        .map(|sh| sh.level)
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::MemberId;
    use crate::member::MemberStatus;
    use crate::role::{BuiltinRole, Role};
    use crate::shares::Share;

    #[test]
    fn a_share_through_three_nested_groups_reaches_the_user() {
        let mut groups = GroupGraph::new();
        groups
            .add_edge(GroupId::new("g3"), GroupId::new("g2"))
            .unwrap();
        groups
            .add_edge(GroupId::new("g2"), GroupId::new("g1"))
            .unwrap();
        groups.add_member(UserId::new("u"), GroupId::new("g1"));
        let viewer = Member::active(
            MemberId::new("m"),
            Principal::User(UserId::new("u")),
            Role::builtin(BuiltinRole::Viewer),
        );
        let mut gone = Member::active(
            MemberId::new("x"),
            Principal::User(UserId::new("x")),
            Role::builtin(BuiltinRole::Owner),
        );
        gone.status = MemberStatus::Deactivated;
        let coll = SharedResource {
            id: ResourceId::new("c"),
            shares: vec![Share {
                grantee: Grantee::Group(GroupId::new("g3")),
                level: ShareLevel::View,
            }],
        };
        let idx = AccessIndex::build(
            &[viewer, gone],
            &groups,
            &[coll],
            &[ResourceId::new("conn")],
        );
        let (u, x, c) = (UserId::new("u"), UserId::new("x"), ResourceId::new("c"));
        let cases = [
            (&u, Permission::ContentRead, &c, true),
            (&u, Permission::ContentEdit, &c, false),
            (&u, Permission::ContentRead, &ResourceId::new("conn"), true),
            (
                &u,
                Permission::ContentRead,
                &ResourceId::new("unknown"),
                true,
            ),
            (&x, Permission::ContentRead, &c, false),
            (&UserId::new("stranger"), Permission::ContentRead, &c, false),
        ];
        for (user, p, r, want) in cases {
            assert_eq!(idx.check(user, p, r), want, "{user} {p} {r}");
        }
        assert!(idx.allows_feature(&Principal::User(u), &FeatureKey::parse("ai_chat").unwrap()));
    }
}
