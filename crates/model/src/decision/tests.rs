//! Scenario tables for `authorize`: each row is one request and its answer.

mod members;
mod workspace;

use crate::decision::*;
use crate::ids::{ApiKeyId, MemberId, ResourceId, RoleId, UserId};
use crate::invites::SeatState;
use crate::member::{FeatureAccess, Principal, ResourceAccess};
use crate::member::{Member, MemberStatus};
use crate::permission::Permission;
use crate::permission::PermissionSet;
use crate::role::BuiltinRole::{self, *};
use crate::role::{CustomRole, Role};
use crate::values::{FeatureKey, RoleName};

pub(super) fn m(id: &str, role: BuiltinRole) -> Member {
    Member::active(
        MemberId::new(id),
        Principal::User(UserId::new(id)),
        Role::builtin(role),
    )
}

pub(super) fn with_status(mut m: Member, status: MemberStatus) -> Member {
    m.status = status;
    m
}

pub(super) fn role(r: BuiltinRole) -> Role {
    Role::builtin(r)
}

pub(super) fn code(r: Result<Grant, Denied>) -> &'static str {
    match r {
        Ok(_) => "ok",
        Err(d) => d.code(),
    }
}

pub(super) fn member_manager() -> Role {
    let perms = crate::role::builtin_permissions(Viewer)
        .with(Permission::MembersInvite)
        .with(Permission::MembersRoleUpdate);
    CustomRole::new(
        RoleId::new("mm"),
        RoleName::parse("Member manager").unwrap(),
        perms,
    )
    .unwrap()
    .role()
}
