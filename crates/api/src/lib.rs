//! Roster's wire contract: the only definition of the JSON shapes that the
//! server sends and the web app reads (invariant 2 in ARCHITECTURE.md).
//!
//! Everything here is plain data with serde derives; no I/O, no async, so the
//! crate builds for `wasm32-unknown-unknown` as well as natively.
#![warn(missing_docs)]

pub mod accounts;
pub mod audit;
pub mod authorize;
pub mod health;
pub mod invitations;
pub mod members;
pub mod outbox;
pub mod page;
pub mod paths;
pub mod problem;
#[cfg(feature = "openapi")]
pub mod schema;
pub mod workspaces;

pub use accounts::{
    JoinSuggestionResponse, LoginRequest, MeResponse, MyWorkspaceResponse,
    PendingInvitationResponse, SessionResponse, SetLastWorkspaceRequest, SignupRequest,
    UserResponse,
};
pub use audit::{AuditEventResponse, ListAuditQuery};
pub use authorize::{
    AuthorizeBatchRequest, AuthorizeBatchResponse, AuthorizeRequest, AuthorizeResponse,
    AuthorizeResultResponse, MAX_BATCH_CHECKS,
};
pub use health::{HealthResponse, ReadinessResponse};
pub use invitations::{
    AcceptInvitationRequest, AcceptedInvitationResponse, CreateInvitationsRequest,
    InvitationLinkResponse, InvitationLookupQuery, InvitationPreviewResponse, InvitationResponse,
    InvitationResultResponse, InvitationResultsResponse, InviteRequest,
};
pub use members::{
    ListMembersQuery, MemberResponse, TransferOwnershipRequest, UpdateMemberRequest,
};
pub use outbox::OutboxMessageResponse;
pub use page::{Page, PageQuery};
pub use problem::{FieldError, PROBLEM_CONTENT_TYPE, Problem};
pub use workspaces::{
    ConfigResponse, CreateWorkspaceRequest, DeleteWorkspaceRequest, PutConfigRequest,
    UpdateWorkspaceRequest, WorkspaceResponse,
};
