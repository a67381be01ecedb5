//! Roster's permission model: pure Rust, no I/O, no clock, no async; built for
//! the browser (WASM) and the server alike. Invariant: this crate is the only
//! code that decides whether an action is allowed (`authorize`), and the UI
//! asks the same functions (`capabilities`, `plan_invites`, `explain`).

#![warn(missing_docs)]

pub mod decision;
pub mod groups;
pub mod ids;
pub mod index;
pub mod invites;
pub mod member;
pub mod permission;
pub mod role;
pub mod shares;
pub mod values;

pub use decision::{
    Action, Actor, Basis, Capabilities, DenialKind, Denied, Explanation, Facts, Grant, ResourceRef,
    Step, Verdict, WorkspacePatch, answer, authorize, capabilities, explain, may_ask_about_others,
};
pub use groups::{GroupError, GroupGraph};
pub use ids::{ApiKeyId, CollectionId, GroupId, MemberId, ResourceId, RoleId, UserId, WorkspaceId};
pub use index::AccessIndex;
pub use invites::{
    ExistingPeople, InviteRow, InviteVerdict, PlannedInvite, SeatState, parse_invite_list,
    plan_invites,
};
pub use member::{
    FeatureAccess, Member, MemberStatus, Principal, ResourceAccess, ResourceAccessError,
};
pub use permission::{Permission, PermissionSet, UnknownPermission};
pub use role::{
    BuiltinRole, CustomRole, CustomRoleError, OWNER_ONLY, Role, RoleCatalogue, RoleKey,
    builtin_permissions,
};
pub use shares::{Grantee, SEE_ALL_SHARED, Share, ShareLevel, ShareVia, SharedResource};
pub use values::settings;
pub use values::{
    DomainError, DomainName, Email, EmailError, Feature, FeatureCatalogue, FeatureKey,
    FeatureKeyError, NameError, PersonalDomains, Region, RegionError, Regions, RoleName,
    WorkspaceName,
};
