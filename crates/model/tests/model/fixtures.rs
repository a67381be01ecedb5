//! Shared builders for the integration tests.

use roster_model::*;

/// An active user member whose member id and user id are both `id`.
pub fn member(id: &str, role: BuiltinRole) -> Member {
    Member::active(
        MemberId::new(id),
        Principal::User(UserId::new(id)),
        Role::builtin(role),
    )
}

/// The same member with another status.
pub fn with_status(mut m: Member, status: MemberStatus) -> Member {
    m.status = status;
    m
}
