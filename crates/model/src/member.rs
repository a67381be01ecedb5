//! Members: the tie of a principal (user or API key) to a workspace, with a
//! role, a status and feature/resource access. Invariant: only an Active
//! member holds any access (`Member::effective_permissions`).

use std::collections::BTreeSet;
use std::fmt;

use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::ids::{ApiKeyId, MemberId, ResourceId, UserId};
use crate::permission::PermissionSet;
use crate::role::Role;
use crate::values::FeatureKey;

/// Who acts: a person or a machine.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Principal {
    /// A user account.
    User(UserId),
    /// An API key.
    ApiKey(ApiKeyId),
}

/// A member's state in the workspace.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MemberStatus {
    /// Has the access of their role.
    Active,
    /// Invited, not yet accepted: no access.
    Invited,
    /// Kept on record without any access until reactivated.
    Deactivated,
}

macro_rules! access_enum {
    ($(#[$doc:meta])* $name:ident, $item:ty, $what:literal) => {
        $(#[$doc])*
        ///
        /// On the wire: the string `"all"` or a JSON list.
        #[derive(Clone, PartialEq, Eq, Debug)]
        pub enum $name {
            #[doc = concat!("Every ", $what, ".")]
            All,
            #[doc = concat!("Only the listed ", $what, "s.")]
            Only(BTreeSet<$item>),
        }

        impl $name {
            #[doc = concat!("Whether the ", $what, " is allowed.")]
            pub fn allows(&self, item: &$item) -> bool {
                match self {
                    $name::All => true,
                    $name::Only(set) => set.contains(item),
                }
            }

            /// Whether everything `self` allows, `other` allows too.
            pub fn is_subset(&self, other: &$name) -> bool {
                match (self, other) {
                    (_, $name::All) => true,
                    ($name::All, $name::Only(_)) => false,
                    ($name::Only(a), $name::Only(b)) => a.is_subset(b),
                }
            }

            /// The items `self` allows and `other` does not (`None` when
            /// `self` is All and `other` is not).
            pub fn missing_from(&self, other: &$name) -> Option<Vec<$item>> {
                match (self, other) {
                    (_, $name::All) => Some(Vec::new()),
                    ($name::All, $name::Only(_)) => None,
                    ($name::Only(a), $name::Only(b)) => Some(a.difference(b).cloned().collect()),
                }
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self {
                    $name::All => s.serialize_str("all"),
                    $name::Only(set) => s.collect_seq(set),
                }
            }
        }

        // A visitor rather than an untagged enum: no buffering of the input,
        // and much less code in the browser build.
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = $name;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str(concat!("\"all\" or a list of ", $what, "s"))
                    }
                    fn visit_str<E: de::Error>(self, w: &str) -> Result<$name, E> {
                        if w == "all" {
                            Ok($name::All)
                        } else {
                            Err(E::custom(concat!(
                                "expected \"all\" or a list of ", $what, "s"
                            )))
                        }
                    }
                    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<$name, A::Error> {
                        let mut set = BTreeSet::new();
                        while let Some(item) = seq.next_element::<$item>()? {
                            set.insert(item);
                        }
                        Ok($name::Only(set))
                    }
                }
                d.deserialize_any(V)
            }
        }
    };
}

access_enum!(
    /// Which features of the host product a member may use, on top of the role.
    FeatureAccess,
    FeatureKey,
    "feature"
);
access_enum!(
    /// Which resources a member may reach, independent of the role.
    ResourceAccess,
    ResourceId,
    "resource"
);

/// Why a resource access list was refused.
#[derive(Clone, Copy, PartialEq, Eq, Debug, thiserror::Error)]
pub enum ResourceAccessError {
    /// An id that is empty or longer than [`ResourceAccess::MAX_ID`].
    #[error("Resource ids are 1–{} characters.", ResourceAccess::MAX_ID)]
    IdLength,
    /// More ids than [`ResourceAccess::MAX_IDS`].
    #[error(
        "List at most {} resources, or give access to all resources.",
        ResourceAccess::MAX_IDS
    )]
    TooMany,
}

impl ResourceAccess {
    /// The longest resource id, in characters.
    pub const MAX_ID: usize = 200;
    /// The most ids a list holds.
    pub const MAX_IDS: usize = 500;

    /// Whether the list's size and ids are within the limits (the editor
    /// and the server both ask).
    pub fn check(&self) -> Result<(), ResourceAccessError> {
        let ResourceAccess::Only(ids) = self else {
            return Ok(());
        };
        if ids.len() > Self::MAX_IDS {
            return Err(ResourceAccessError::TooMany);
        }
        let bad = |id: &ResourceId| !(1..=Self::MAX_ID).contains(&id.as_str().chars().count());
        if ids.iter().any(bad) {
            return Err(ResourceAccessError::IdLength);
        }
        Ok(())
    }
}

/// A principal's membership of one workspace, with its resolved role.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Member {
    /// The member id (the team table's id).
    pub id: MemberId,
    /// The user or API key.
    pub principal: Principal,
    /// The role, with its permissions resolved.
    pub role: Role,
    /// Active, invited or deactivated.
    pub status: MemberStatus,
    /// Features on top of the role.
    pub feature_access: FeatureAccess,
    /// Resources on top of the role.
    pub resource_access: ResourceAccess,
}

impl Member {
    /// An active member with full feature and resource access.
    pub fn active(id: MemberId, principal: Principal, role: Role) -> Member {
        Member {
            id,
            principal,
            role,
            status: MemberStatus::Active,
            feature_access: FeatureAccess::All,
            resource_access: ResourceAccess::All,
        }
    }

    /// Whether the member is Active.
    pub fn is_active(&self) -> bool {
        self.status == MemberStatus::Active
    }

    /// Whether the member holds the built-in Owner role (whatever the status).
    pub fn is_owner(&self) -> bool {
        self.role.is_owner()
    }

    /// Whether the member counts towards "at least one active owner".
    pub fn is_active_owner(&self) -> bool {
        self.is_active() && self.is_owner()
    }

    /// The permissions the member holds now: the role's when Active, none otherwise.
    pub fn effective_permissions(&self) -> PermissionSet {
        if self.is_active() {
            self.role.permissions()
        } else {
            PermissionSet::EMPTY
        }
    }

    /// The user behind the member, if it is not an API key.
    pub fn user(&self) -> Option<&UserId> {
        match &self.principal {
            Principal::User(u) => Some(u),
            Principal::ApiKey(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::role::BuiltinRole;

    #[test]
    fn resource_lists_have_limits() {
        let list =
            |ids: Vec<String>| ResourceAccess::Only(ids.into_iter().map(ResourceId::new).collect());
        assert_eq!(ResourceAccess::All.check(), Ok(()));
        assert_eq!(list(vec!["é".repeat(200)]).check(), Ok(()));
        assert_eq!(
            list(vec!["é".repeat(201)]).check(),
            Err(ResourceAccessError::IdLength)
        );
        assert_eq!(
            list(vec![String::new()]).check(),
            Err(ResourceAccessError::IdLength)
        );
        assert_eq!(
            list((0..500).map(|i| format!("r{i}")).collect()).check(),
            Ok(())
        );
        assert_eq!(
            list((0..501).map(|i| format!("r{i}")).collect()).check(),
            Err(ResourceAccessError::TooMany)
        );
    }

    fn keys(names: &[&str]) -> BTreeSet<FeatureKey> {
        names
            .iter()
            .map(|n| FeatureKey::parse(n).unwrap())
            .collect()
    }

    #[test]
    fn access_serialises_as_all_or_a_list() {
        assert_eq!(
            serde_json::to_string(&FeatureAccess::All).unwrap(),
            "\"all\""
        );
        let only = FeatureAccess::Only(keys(&["ai_chat", "dashboard"]));
        let json = serde_json::to_string(&only).unwrap();
        assert_eq!(json, r#"["ai_chat","dashboard"]"#);
        assert_eq!(serde_json::from_str::<FeatureAccess>(&json).unwrap(), only);
        assert_eq!(
            serde_json::from_str::<FeatureAccess>("\"all\"").unwrap(),
            FeatureAccess::All
        );
        for bad in ["\"All\"", "\"none\"", "[\"Bad Key\"]", "3"] {
            assert!(serde_json::from_str::<FeatureAccess>(bad).is_err(), "{bad}");
        }
        let r: ResourceAccess = serde_json::from_str(r#"["c1"]"#).unwrap();
        assert!(r.allows(&ResourceId::new("c1")) && !r.allows(&ResourceId::new("c2")));
    }

    #[test]
    fn access_subsets() {
        let a = FeatureAccess::Only(keys(&["ai_chat"]));
        let ab = FeatureAccess::Only(keys(&["ai_chat", "dashboard"]));
        let cases = [
            (&a, &ab, true),
            (&ab, &a, false),
            (&a, &FeatureAccess::All, true),
            (&FeatureAccess::All, &ab, false),
            (&FeatureAccess::All, &FeatureAccess::All, true),
        ];
        for (x, y, want) in cases {
            assert_eq!(x.is_subset(y), want, "{x:?} ⊆ {y:?}");
        }
        assert_eq!(
            ab.missing_from(&a).unwrap(),
            vec![FeatureKey::parse("dashboard").unwrap()]
        );
        assert_eq!(FeatureAccess::All.missing_from(&a), None);
    }

    #[test]
    fn only_active_members_hold_permissions() {
        let mut m = Member::active(
            MemberId::new("m"),
            Principal::User(UserId::new("u")),
            Role::builtin(BuiltinRole::Owner),
        );
        assert!(m.is_active_owner() && !m.effective_permissions().is_empty());
        for status in [MemberStatus::Invited, MemberStatus::Deactivated] {
            m.status = status;
            assert!(!m.is_active_owner() && m.effective_permissions().is_empty());
        }
    }

    #[test]
    fn members_round_trip_through_json() {
        let m = Member::active(
            MemberId::new("m"),
            Principal::ApiKey(ApiKeyId::new("k")),
            Role::builtin(BuiltinRole::Viewer),
        );
        let json = serde_json::to_string(&m).unwrap();
        assert!(json.contains(r#""status":"active""#), "{json}");
        assert_eq!(serde_json::from_str::<Member>(&json).unwrap(), m);
    }
}
