//! Role-change diffs: what a new role grants and removes, shown before saving.

use roster_model::{Permission, Role};

/// The permissions a role change adds and takes away, as product labels.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoleDiff {
    /// Labels of permissions the member gains.
    pub gains: Vec<&'static str>,
    /// Labels of permissions the member loses.
    pub loses: Vec<&'static str>,
}

impl RoleDiff {
    /// The difference between two roles.
    pub fn between(from: &Role, to: &Role) -> RoleDiff {
        let (a, b) = (from.permissions(), to.permissions());
        let labels = |set: roster_model::PermissionSet| {
            set.iter().map(Permission::label).collect::<Vec<_>>()
        };
        RoleDiff {
            gains: labels(b.difference(a)),
            loses: labels(a.difference(b)),
        }
    }

    /// Whether nothing changes.
    pub fn is_empty(&self) -> bool {
        self.gains.is_empty() && self.loses.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use roster_model::BuiltinRole::*;

    #[test]
    fn promoting_an_editor_to_admin_only_gains() {
        let d = RoleDiff::between(&Role::builtin(Editor), &Role::builtin(Admin));
        assert!(d.loses.is_empty());
        assert!(
            d.gains.contains(&Permission::MembersInvite.label()),
            "{d:?}"
        );
    }

    #[test]
    fn demoting_loses_and_the_same_role_changes_nothing() {
        let d = RoleDiff::between(&Role::builtin(Admin), &Role::builtin(Viewer));
        assert!(d.gains.is_empty() && !d.loses.is_empty());
        assert!(RoleDiff::between(&Role::builtin(Viewer), &Role::builtin(Viewer)).is_empty());
    }
}
