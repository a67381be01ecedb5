//! Sharing of collections (and any share-governed resource) with members and
//! groups. Invariant: shares only ever give View or Edit on one resource; the
//! most permissive applicable share wins; holders of
//! [`SEE_ALL_SHARED`] see everything.

use serde::{Deserialize, Serialize};

use crate::groups::GroupGraph;
use crate::ids::{GroupId, MemberId, ResourceId};
use crate::member::Member;
use crate::permission::Permission;

/// The permission that sees and manages every collection regardless of shares
/// (Owners and Admins hold it). Decided by permission, never by role name.
pub const SEE_ALL_SHARED: Permission = Permission::CollectionsManage;

/// How much a share gives.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ShareLevel {
    /// Read.
    View,
    /// Read and change.
    Edit,
}

impl ShareLevel {
    /// The level a permission needs on a share-governed resource:
    /// reading needs View, anything else needs Edit.
    pub fn needed_for(permission: Permission) -> ShareLevel {
        if permission.is_read() {
            ShareLevel::View
        } else {
            ShareLevel::Edit
        }
    }
}

/// Who a share is with.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Grantee {
    /// One member.
    Member(MemberId),
    /// Every user in the group or its subgroups.
    Group(GroupId),
}

/// One share.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Share {
    /// Who.
    pub grantee: Grantee,
    /// How much.
    pub level: ShareLevel,
}

/// A share-governed resource (a collection) with its shares.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct SharedResource {
    /// The resource (for a collection, `CollectionId::as_resource`).
    pub id: ResourceId,
    /// Its shares.
    pub shares: Vec<Share>,
}

/// Through what a member reaches a shared resource.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(tag = "kind", content = "group", rename_all = "snake_case")]
pub enum ShareVia {
    /// A share with the member.
    Direct,
    /// A share with this group (which the member is in, perhaps through nesting).
    Group(GroupId),
}

/// The most permissive share that reaches `member`, and through what.
/// Direct shares win ties, so explanations stay short.
pub fn share_level(
    member: &Member,
    resource: &SharedResource,
    groups: &GroupGraph,
) -> Option<(ShareLevel, ShareVia)> {
    let user_groups = member
        .user()
        .map(|u| groups.groups_of(u))
        .unwrap_or_default();
    let mut best: Option<(ShareLevel, ShareVia)> = None;
    for share in &resource.shares {
        let via = match &share.grantee {
            Grantee::Member(id) if *id == member.id => ShareVia::Direct,
            Grantee::Group(g) if user_groups.contains(g) => ShareVia::Group(g.clone()),
            _ => continue,
        };
        let better = match &best {
            None => true,
            Some((level, old_via)) => {
                share.level > *level
                    || (share.level == *level
                        && via == ShareVia::Direct
                        && *old_via != ShareVia::Direct)
            }
        };
        if better {
            best = Some((share.level, via));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::UserId;
    use crate::member::Principal;
    use crate::role::{BuiltinRole, Role};

    #[test]
    fn the_most_permissive_share_wins() {
        let mut groups = GroupGraph::new();
        groups
            .add_edge(GroupId::new("all"), GroupId::new("eng"))
            .unwrap();
        groups.add_member(UserId::new("u"), GroupId::new("eng"));
        let m = Member::active(
            MemberId::new("m"),
            Principal::User(UserId::new("u")),
            Role::builtin(BuiltinRole::Viewer),
        );
        let share = |g: Grantee, level| Share { grantee: g, level };
        let direct = || Grantee::Member(MemberId::new("m"));
        let group = |s: &str| Grantee::Group(GroupId::new(s));
        let cases = [
            (vec![], None),
            (
                vec![share(direct(), ShareLevel::View)],
                Some((ShareLevel::View, ShareVia::Direct)),
            ),
            (
                vec![
                    share(direct(), ShareLevel::View),
                    share(group("all"), ShareLevel::Edit),
                ],
                Some((ShareLevel::Edit, ShareVia::Group(GroupId::new("all")))),
            ),
            (
                vec![
                    share(group("eng"), ShareLevel::View),
                    share(direct(), ShareLevel::View),
                ],
                Some((ShareLevel::View, ShareVia::Direct)),
            ),
            (vec![share(group("sales"), ShareLevel::Edit)], None),
            (
                vec![share(
                    Grantee::Member(MemberId::new("other")),
                    ShareLevel::Edit,
                )],
                None,
            ),
        ];
        for (shares, want) in cases {
            let r = SharedResource {
                id: ResourceId::new("c"),
                shares: shares.clone(),
            };
            assert_eq!(share_level(&m, &r, &groups), want, "{shares:?}");
        }
    }

    #[test]
    fn reading_needs_view_and_everything_else_edit() {
        assert_eq!(
            ShareLevel::needed_for(Permission::ContentRead),
            ShareLevel::View
        );
        assert_eq!(
            ShareLevel::needed_for(Permission::ContentEdit),
            ShareLevel::Edit
        );
        assert_eq!(
            ShareLevel::needed_for(Permission::ContentDelete),
            ShareLevel::Edit
        );
    }
}
