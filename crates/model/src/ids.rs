//! Opaque identifiers. Each kind of id is its own type, so a `MemberId` can
//! never be passed where a `UserId` is expected (API.md: `{member}` is the
//! member id, not the user id).

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! opaque_id {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps an id string as given by the store; ids are opaque, so no check is made.
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            /// The id as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self::new(id)
            }
        }
    )*};
}

opaque_id! {
    /// A workspace.
    WorkspaceId;
    /// A user account (one person, across workspaces).
    UserId;
    /// The tie of a principal to one workspace: the id shown in the team table.
    MemberId;
    /// A custom role.
    RoleId;
    /// A group of users and groups.
    GroupId;
    /// An API key (a machine principal).
    ApiKeyId;
    /// A host-product resource (connection, collection, anything registered).
    ResourceId;
    /// A collection of reports; collections are also resources.
    CollectionId;
}

impl CollectionId {
    /// The resource id under which this collection appears in resource access lists.
    pub fn as_resource(&self) -> ResourceId {
        ResourceId::new(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_serialise_as_bare_strings_and_round_trip() {
        let id = MemberId::new("mem_1");
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, "\"mem_1\"");
        let back: MemberId = serde_json::from_str(&json).unwrap();
        assert_eq!(back, id);
        assert_eq!(back.to_string(), "mem_1");
        assert_eq!(back.as_str(), "mem_1");
    }

    #[test]
    fn a_collection_is_a_resource_with_the_same_id() {
        assert_eq!(CollectionId::new("c1").as_resource(), ResourceId::new("c1"));
    }
}
