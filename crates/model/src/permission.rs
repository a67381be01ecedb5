//! The closed permission catalogue. Invariant: every decision is phrased in
//! these permissions; nothing compares role names. Adding a permission is a
//! one-line change here and a visible diff in the role matrix snapshot.

mod set;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

pub use set::PermissionSet;

macro_rules! catalogue {
    ($($variant:ident = $name:literal, $label:literal, $desc:literal;)*) => {
        /// One entry of the fixed permission catalogue (`GET /permissions`).
        ///
        /// Serialised as its stable name, e.g. `"members:invite"`.
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "&'static str")]
        #[repr(u8)]
        pub enum Permission {
            $(
                #[doc = $desc]
                $variant,
            )*
        }

        impl Permission {
            /// The whole catalogue, in display order.
            pub const ALL: &'static [Permission] = &[$(Permission::$variant),*];

            /// The stable wire name, e.g. `"members:invite"`. Never changes.
            pub const fn name(self) -> &'static str {
                match self { $(Permission::$variant => $name,)* }
            }

            /// A short human label for the role editor.
            pub const fn label(self) -> &'static str {
                match self { $(Permission::$variant => $label,)* }
            }

            /// One sentence saying what the permission allows.
            pub const fn description(self) -> &'static str {
                match self { $(Permission::$variant => $desc,)* }
            }
        }
    };
}

catalogue! {
    WorkspaceRead = "workspace:read", "Read workspace", "Read the workspace's settings, roles and resources.";
    MembersRead = "members:read", "See members", "See the team table and groups.";
    ConfigRead = "config:read", "Read configuration", "Read the workspace's configuration properties.";
    ContentRead = "content:read", "Read content", "Read content and collections shared with you.";
    UsageWrite = "usage:write", "Report usage", "Report usage events for the workspace.";
    EmbedTokensCreate = "embed_tokens:create", "Embed settings", "Create short-lived tokens for the embedded settings widget.";
    AuthorizeCheck = "authorize:check", "Ask for decisions", "Ask the authorization API about other principals.";
    ContentCreate = "content:create", "Create content", "Create content, collections, files and datasets.";
    ContentEdit = "content:edit", "Edit content", "Edit content and collections shared with you for editing.";
    ConnectionsUse = "connections:use", "Use connections", "Query data through the workspace's connections.";
    WorkspaceDescriptionUpdate = "workspace:description:update", "Edit home page", "Update the workspace description and home page.";
    ContentDelete = "content:delete", "Delete content", "Delete content and collections.";
    WorkspaceUpdate = "workspace:update", "Edit settings", "Change the workspace's name, logo, colour, countries and domain.";
    ConfigWrite = "config:write", "Write configuration", "Change the workspace's configuration properties.";
    ConnectionsManage = "connections:manage", "Manage connections", "Add, change and remove connections and rotate their credentials.";
    ConnectionsCredentialsView = "connections:credentials:view", "View credentials", "See connection credentials.";
    ResourcesManage = "resources:manage", "Manage resources", "Register and remove host-product resources.";
    CollectionsManage = "collections:manage", "Manage all collections", "See, share and organise every collection, shared or not.";
    WebhooksManage = "webhooks:manage", "Manage webhooks", "Manage webhook endpoints and redeliver events.";
    ChannelsManage = "channels:manage", "Manage channels", "Manage email and chat notification channels.";
    GroupsManage = "groups:manage", "Manage groups", "Create, change, sync and delete groups.";
    ApiKeysManage = "api_keys:manage", "Manage API keys", "Create, change and revoke API keys.";
    DomainsManage = "domains:manage", "Manage domains", "Claim, verify and release domains and set enrollment.";
    MembersInvite = "members:invite", "Invite members", "Invite members and resend, copy or revoke invitations.";
    UsageRead = "usage:read", "View usage", "View usage analytics.";
    AuditRead = "audit:read", "View audit log", "View and export the audit log.";
    WorkspaceArchive = "workspace:archive", "Archive workspace", "Archive the workspace.";
    MembersRoleUpdate = "members:role:update", "Change roles", "Change members' roles (never to more than you hold).";
    MembersAccessUpdate = "members:access:update", "Change access", "Change members' feature and resource access.";
    MembersRemove = "members:remove", "Remove members", "Remove members from the workspace.";
    MembersDeactivate = "members:deactivate", "Deactivate members", "Deactivate and reactivate members.";
    RolesManage = "roles:manage", "Manage roles", "Create, change and delete custom roles.";
    OwnershipTransfer = "ownership:transfer", "Transfer ownership", "Hand the workspace's ownership to an admin.";
    BillingManage = "billing:manage", "Billing", "See and change the plan, billing details and invoices.";
    WorkspaceDelete = "workspace:delete", "Delete workspace", "Delete the workspace.";
}

impl Permission {
    /// Parses a wire name; `None` for anything outside the catalogue.
    pub fn parse(name: &str) -> Option<Permission> {
        Permission::ALL.iter().copied().find(|p| p.name() == name)
    }

    /// The bit this permission occupies in a [`PermissionSet`].
    pub const fn bit(self) -> u64 {
        1u64 << (self as u8)
    }

    /// Whether the permission only reads (allowed in an archived workspace).
    pub const fn is_read(self) -> bool {
        matches!(
            self,
            Permission::WorkspaceRead
                | Permission::MembersRead
                | Permission::ConfigRead
                | Permission::ContentRead
                | Permission::ConnectionsCredentialsView
                | Permission::UsageRead
                | Permission::AuditRead
                | Permission::AuthorizeCheck
        )
    }
}

/// The error for a permission name outside the catalogue.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
#[error("There is no permission called \u{201c}{0}\u{201d}.")]
pub struct UnknownPermission(pub String);

impl FromStr for Permission {
    type Err = UnknownPermission;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Permission::parse(s).ok_or_else(|| UnknownPermission(s.chars().take(64).collect()))
    }
}

impl TryFrom<String> for Permission {
    type Error = UnknownPermission;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Permission> for &'static str {
    fn from(p: Permission) -> Self {
        p.name()
    }
}

impl fmt::Display for Permission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_fits_in_a_u64_bitset() {
        assert!(Permission::ALL.len() <= 64);
    }

    #[test]
    fn every_name_is_unique_and_parses_back() {
        let mut names = std::collections::BTreeSet::new();
        for &p in Permission::ALL {
            assert!(names.insert(p.name()), "duplicate name {}", p.name());
            assert_eq!(Permission::parse(p.name()), Some(p));
            assert_eq!(p.name().parse::<Permission>(), Ok(p));
            assert!(!p.label().is_empty() && p.description().ends_with('.'));
        }
    }

    #[test]
    fn the_variant_order_matches_the_all_list() {
        for (i, &p) in Permission::ALL.iter().enumerate() {
            assert_eq!(p as usize, i);
        }
    }

    #[test]
    fn unknown_and_hostile_names_are_refused() {
        for name in [
            "",
            "members",
            "MEMBERS:INVITE",
            " members:invite",
            "members:invite\0",
        ] {
            assert_eq!(Permission::parse(name), None, "{name:?}");
        }
        let long = "x".repeat(10_000);
        let err = long.parse::<Permission>().unwrap_err();
        assert_eq!(err.0.len(), 64);
    }

    #[test]
    fn permissions_serialise_as_their_names() {
        let json = serde_json::to_string(&Permission::MembersInvite).unwrap();
        assert_eq!(json, "\"members:invite\"");
        let back: Permission = serde_json::from_str(&json).unwrap();
        assert_eq!(back, Permission::MembersInvite);
        assert!(serde_json::from_str::<Permission>("\"members:nope\"").is_err());
    }
}
