//! Roles. Invariant: `builtin_permissions` is the ONLY place built-in roles map
//! to permissions, and "is an owner" is decided by the enum, never by a name.
//! A custom role can never be owner-equivalent.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ids::RoleId;
use crate::permission::{Permission, PermissionSet};
use crate::values::RoleName;

/// The four built-in roles, each including everything of the one below it.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BuiltinRole {
    /// Reads content and settings.
    Viewer,
    /// Viewer plus creating and editing content.
    Editor,
    /// Editor plus running the workspace day to day.
    Admin,
    /// Admin plus members' roles and access, billing, transfer and deletion.
    Owner,
}

impl BuiltinRole {
    /// All built-in roles, most powerful first (the order of the role picker).
    pub const ALL: [BuiltinRole; 4] = [
        BuiltinRole::Owner,
        BuiltinRole::Admin,
        BuiltinRole::Editor,
        BuiltinRole::Viewer,
    ];

    /// The stable key: `"owner"`, `"admin"`, `"editor"`, `"viewer"`.
    pub const fn key(self) -> &'static str {
        match self {
            BuiltinRole::Owner => "owner",
            BuiltinRole::Admin => "admin",
            BuiltinRole::Editor => "editor",
            BuiltinRole::Viewer => "viewer",
        }
    }

    /// The display label.
    pub const fn label(self) -> &'static str {
        match self {
            BuiltinRole::Owner => "Owner",
            BuiltinRole::Admin => "Admin",
            BuiltinRole::Editor => "Editor",
            BuiltinRole::Viewer => "Viewer",
        }
    }

    /// Parses a built-in key (exact, lower case).
    pub fn parse(key: &str) -> Option<BuiltinRole> {
        BuiltinRole::ALL.into_iter().find(|r| r.key() == key)
    }
}

use Permission as P;

const VIEWER: PermissionSet = PermissionSet::of(&[
    P::WorkspaceRead,
    P::MembersRead,
    P::ConfigRead,
    P::ContentRead,
    P::UsageWrite,
    P::EmbedTokensCreate,
    P::AuthorizeCheck,
]);

const EDITOR: PermissionSet = VIEWER.union(PermissionSet::of(&[
    P::ContentCreate,
    P::ContentEdit,
    P::ConnectionsUse,
    P::WorkspaceDescriptionUpdate,
]));

const ADMIN: PermissionSet = EDITOR.union(PermissionSet::of(&[
    P::ContentDelete,
    P::WorkspaceUpdate,
    P::ConfigWrite,
    P::ConnectionsManage,
    P::ConnectionsCredentialsView,
    P::ResourcesManage,
    P::CollectionsManage,
    P::WebhooksManage,
    P::ChannelsManage,
    P::GroupsManage,
    P::ApiKeysManage,
    P::DomainsManage,
    P::MembersInvite,
    P::UsageRead,
    P::AuditRead,
    P::WorkspaceArchive,
]));

const OWNER: PermissionSet = PermissionSet::all();

/// Permissions only the built-in Owner may hold; a custom role containing any
/// of them is refused, so no custom role (and no group) is ever an owner.
pub const OWNER_ONLY: PermissionSet =
    PermissionSet::of(&[P::OwnershipTransfer, P::WorkspaceDelete, P::BillingManage]);

/// What each built-in role may do: PRODUCT.md's table, and the only such map.
pub const fn builtin_permissions(role: BuiltinRole) -> PermissionSet {
    match role {
        BuiltinRole::Viewer => VIEWER,
        BuiltinRole::Editor => EDITOR,
        BuiltinRole::Admin => ADMIN,
        BuiltinRole::Owner => OWNER,
    }
}

/// How a role is named on the wire: a built-in key or a custom role's id.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum RoleKey {
    /// One of the four built-in roles.
    Builtin(BuiltinRole),
    /// A custom role, by id.
    Custom(RoleId),
}

impl RoleKey {
    /// Reads a key: a built-in name (lower case) or else a custom role id.
    pub fn parse(key: &str) -> RoleKey {
        match BuiltinRole::parse(key) {
            Some(b) => RoleKey::Builtin(b),
            None => RoleKey::Custom(RoleId::new(key)),
        }
    }

    /// The wire form.
    pub fn as_str(&self) -> &str {
        match self {
            RoleKey::Builtin(b) => b.key(),
            RoleKey::Custom(id) => id.as_str(),
        }
    }
}

impl From<String> for RoleKey {
    fn from(s: String) -> Self {
        RoleKey::parse(&s)
    }
}

impl From<RoleKey> for String {
    fn from(k: RoleKey) -> Self {
        k.as_str().to_owned()
    }
}

impl fmt::Display for RoleKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a custom role was refused.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
pub enum CustomRoleError {
    /// The role holds a permission only the Owner may hold.
    #[error("A custom role cannot include \u{201c}{}\u{201d}: only the owner has it.", .0.label())]
    OwnerOnlyPermission(Permission),
    /// The id collides with a built-in key.
    #[error("This role id is reserved.")]
    ReservedId,
}

/// A workspace-defined role: a name and any set of permissions from the
/// catalogue except the [`OWNER_ONLY`] ones.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(try_from = "CustomRoleRepr")]
pub struct CustomRole {
    id: RoleId,
    name: RoleName,
    permissions: PermissionSet,
}

#[derive(Deserialize)]
struct CustomRoleRepr {
    id: RoleId,
    name: RoleName,
    permissions: PermissionSet,
}

impl TryFrom<CustomRoleRepr> for CustomRole {
    type Error = CustomRoleError;

    fn try_from(r: CustomRoleRepr) -> Result<Self, Self::Error> {
        CustomRole::new(r.id, r.name, r.permissions)
    }
}

impl CustomRole {
    /// Builds a custom role, refusing owner-only permissions and built-in ids.
    pub fn new(
        id: RoleId,
        name: RoleName,
        permissions: PermissionSet,
    ) -> Result<CustomRole, CustomRoleError> {
        check_custom_permissions(permissions)?;
        if BuiltinRole::parse(id.as_str()).is_some() {
            return Err(CustomRoleError::ReservedId);
        }
        Ok(CustomRole {
            id,
            name,
            permissions,
        })
    }

    /// The role's id (its key on the wire).
    pub fn id(&self) -> &RoleId {
        &self.id
    }

    /// The display name.
    pub fn name(&self) -> &RoleName {
        &self.name
    }

    /// The permissions it grants.
    pub fn permissions(&self) -> PermissionSet {
        self.permissions
    }

    /// The resolved role.
    pub fn role(&self) -> Role {
        Role {
            key: RoleKey::Custom(self.id.clone()),
            permissions: self.permissions,
        }
    }
}

/// Refuses a permission set that a custom role may not hold.
pub fn check_custom_permissions(permissions: PermissionSet) -> Result<(), CustomRoleError> {
    match permissions.intersection(OWNER_ONLY).iter().next() {
        Some(p) => Err(CustomRoleError::OwnerOnlyPermission(p)),
        None => Ok(()),
    }
}

/// A resolved role: its key and the permissions it grants.
///
/// Built-in roles always carry [`builtin_permissions`]; custom roles never hold
/// [`OWNER_ONLY`] permissions (deserialising enforces both).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(try_from = "RoleRepr")]
pub struct Role {
    key: RoleKey,
    permissions: PermissionSet,
}

#[derive(Deserialize)]
struct RoleRepr {
    key: RoleKey,
    #[serde(default)]
    permissions: PermissionSet,
}

impl TryFrom<RoleRepr> for Role {
    type Error = CustomRoleError;

    fn try_from(r: RoleRepr) -> Result<Self, Self::Error> {
        match r.key {
            RoleKey::Builtin(b) => Ok(Role::builtin(b)),
            RoleKey::Custom(id) => {
                check_custom_permissions(r.permissions)?;
                Ok(Role {
                    key: RoleKey::Custom(id),
                    permissions: r.permissions,
                })
            }
        }
    }
}

impl Role {
    /// A built-in role with its permissions.
    pub const fn builtin(role: BuiltinRole) -> Role {
        Role {
            key: RoleKey::Builtin(role),
            permissions: builtin_permissions(role),
        }
    }

    /// The role's key.
    pub fn key(&self) -> &RoleKey {
        &self.key
    }

    /// The permissions the role grants.
    pub fn permissions(&self) -> PermissionSet {
        self.permissions
    }

    /// The built-in role, if this is one.
    pub fn builtin_kind(&self) -> Option<BuiltinRole> {
        match self.key {
            RoleKey::Builtin(b) => Some(b),
            RoleKey::Custom(_) => None,
        }
    }

    /// True only for the built-in Owner.
    pub fn is_owner(&self) -> bool {
        self.builtin_kind() == Some(BuiltinRole::Owner)
    }

    /// True only for the built-in Admin (the only role that may become Owner).
    pub fn is_admin(&self) -> bool {
        self.builtin_kind() == Some(BuiltinRole::Admin)
    }
}

/// The roles a workspace offers: the built-ins plus its custom roles.
#[derive(Clone, Default, Debug)]
pub struct RoleCatalogue {
    custom: Vec<CustomRole>,
}

impl RoleCatalogue {
    /// A catalogue with these custom roles next to the built-ins.
    pub fn new(custom: Vec<CustomRole>) -> RoleCatalogue {
        RoleCatalogue { custom }
    }

    /// Resolves a key, `None` for an unknown custom role.
    pub fn resolve(&self, key: &RoleKey) -> Option<Role> {
        match key {
            RoleKey::Builtin(b) => Some(Role::builtin(*b)),
            RoleKey::Custom(id) => self
                .custom
                .iter()
                .find(|r| r.id() == id)
                .map(CustomRole::role),
        }
    }

    /// Resolves a key as typed on the wire.
    pub fn resolve_str(&self, key: &str) -> Option<Role> {
        self.resolve(&RoleKey::parse(key))
    }

    /// Every role: built-ins first (most powerful first), then custom roles.
    pub fn roles(&self) -> Vec<Role> {
        BuiltinRole::ALL
            .into_iter()
            .map(Role::builtin)
            .chain(self.custom.iter().map(CustomRole::role))
            .collect()
    }
}

#[cfg(test)]
mod tests;
