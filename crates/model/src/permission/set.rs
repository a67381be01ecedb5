//! `PermissionSet`: a `Copy` bitset over the catalogue, so subset checks
//! ("no escalation") are one AND and one compare.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Permission;

/// A set of permissions, stored as one bit per catalogue entry.
///
/// Serialised as a list of permission names in catalogue order.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct PermissionSet(u64);

impl PermissionSet {
    /// The empty set.
    pub const EMPTY: PermissionSet = PermissionSet(0);

    /// A set from a list of permissions (usable in constants).
    pub const fn of(perms: &[Permission]) -> PermissionSet {
        let mut bits = 0u64;
        let mut i = 0;
        while i < perms.len() {
            bits |= perms[i].bit();
            i += 1;
        }
        PermissionSet(bits)
    }

    /// Every permission in the catalogue.
    pub const fn all() -> PermissionSet {
        PermissionSet::of(Permission::ALL)
    }

    /// The raw bits (bit `p as u8` set for each member `p`).
    pub const fn bits(self) -> u64 {
        self.0
    }

    /// Whether `p` is in the set.
    pub const fn contains(self, p: Permission) -> bool {
        self.0 & p.bit() != 0
    }

    /// Adds `p`.
    pub fn insert(&mut self, p: Permission) {
        self.0 |= p.bit();
    }

    /// Removes `p`.
    pub fn remove(&mut self, p: Permission) {
        self.0 &= !p.bit();
    }

    /// This set with `p` added.
    pub const fn with(self, p: Permission) -> PermissionSet {
        PermissionSet(self.0 | p.bit())
    }

    /// Everything in either set.
    pub const fn union(self, other: PermissionSet) -> PermissionSet {
        PermissionSet(self.0 | other.0)
    }

    /// Everything in both sets.
    pub const fn intersection(self, other: PermissionSet) -> PermissionSet {
        PermissionSet(self.0 & other.0)
    }

    /// Everything in `self` that is not in `other`.
    pub const fn difference(self, other: PermissionSet) -> PermissionSet {
        PermissionSet(self.0 & !other.0)
    }

    /// Whether every permission of `self` is also in `other`.
    pub const fn is_subset(self, other: PermissionSet) -> bool {
        self.0 & !other.0 == 0
    }

    /// Whether the set is empty.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// How many permissions the set holds.
    pub const fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// The permissions in catalogue order.
    pub fn iter(self) -> impl Iterator<Item = Permission> {
        Permission::ALL
            .iter()
            .copied()
            .filter(move |p| self.contains(*p))
    }
}

impl FromIterator<Permission> for PermissionSet {
    fn from_iter<I: IntoIterator<Item = Permission>>(iter: I) -> Self {
        let mut set = PermissionSet::EMPTY;
        for p in iter {
            set.insert(p);
        }
        set
    }
}

impl fmt::Debug for PermissionSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set()
            .entries(self.iter().map(Permission::name))
            .finish()
    }
}

impl Serialize for PermissionSet {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for PermissionSet {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let list = Vec::<Permission>::deserialize(deserializer)?;
        Ok(list.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Permission::*;

    #[test]
    fn set_operations_follow_set_algebra() {
        let a = PermissionSet::of(&[MembersRead, MembersInvite]);
        let b = PermissionSet::of(&[MembersRead]);
        let cases = [
            (b.is_subset(a), true),
            (a.is_subset(b), false),
            (a.contains(MembersInvite), true),
            (b.contains(MembersInvite), false),
            (a.union(b) == a, true),
            (a.intersection(b) == b, true),
            (a.difference(b) == PermissionSet::of(&[MembersInvite]), true),
            (PermissionSet::EMPTY.is_subset(b), true),
            (a.len() == 2, true),
            (PermissionSet::all().len() == Permission::ALL.len(), true),
        ];
        for (i, (got, want)) in cases.into_iter().enumerate() {
            assert_eq!(got, want, "case {i}");
        }
    }

    #[test]
    fn insert_and_remove_change_one_bit() {
        let mut s = PermissionSet::EMPTY;
        s.insert(BillingManage);
        assert_eq!(s.iter().collect::<Vec<_>>(), vec![BillingManage]);
        s.remove(BillingManage);
        assert!(s.is_empty());
    }

    #[test]
    fn sets_serialise_as_name_lists() {
        let s = PermissionSet::of(&[MembersInvite, WorkspaceRead]);
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(json, r#"["workspace:read","members:invite"]"#);
        assert_eq!(serde_json::from_str::<PermissionSet>(&json).unwrap(), s);
        assert!(serde_json::from_str::<PermissionSet>(r#"["nope"]"#).is_err());
    }
}
