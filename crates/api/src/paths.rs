//! Path templates of the HTTP API, shared so the server mounts and the web
//! app calls the very same strings.

/// Prefix of every API path.
pub const API_PREFIX: &str = "/api/v1";
/// Liveness probe (outside the API prefix).
pub const HEALTHZ: &str = "/healthz";
/// Readiness probe (outside the API prefix).
pub const READYZ: &str = "/readyz";
/// `POST` sign-up (under the API prefix).
pub const SIGNUP: &str = "/auth/signup";
/// `POST` log-in.
pub const LOGIN: &str = "/auth/login";
/// `POST` log-out.
pub const LOGOUT: &str = "/auth/logout";
/// `GET` the signed-in user.
pub const ME: &str = "/me";
/// `PUT` the last used workspace.
pub const ME_LAST_WORKSPACE: &str = "/me/last-workspace";
/// `GET` mine, `POST` create.
pub const WORKSPACES: &str = "/workspaces";
/// `GET`, `PATCH`, `DELETE` one workspace.
pub const WORKSPACE: &str = "/workspaces/{ws}";
/// `POST` archive.
pub const WORKSPACE_ARCHIVE: &str = "/workspaces/{ws}/archive";
/// `GET` every configuration property.
pub const WORKSPACE_CONFIG: &str = "/workspaces/{ws}/config";
/// `GET`, `PUT`, `DELETE` one property.
pub const WORKSPACE_CONFIG_KEY: &str = "/workspaces/{ws}/config/{key}";
/// `GET` the team table.
pub const MEMBERS: &str = "/workspaces/{ws}/members";
/// `PATCH`, `DELETE` one member.
pub const MEMBER: &str = "/workspaces/{ws}/members/{member}";
/// `POST` leave.
pub const LEAVE: &str = "/workspaces/{ws}/leave";
/// `POST` transfer ownership.
pub const OWNERSHIP_TRANSFER: &str = "/workspaces/{ws}/ownership-transfer";
/// `GET` list, `POST` batch invite.
pub const INVITATIONS: &str = "/workspaces/{ws}/invitations";
/// `DELETE` revoke.
pub const INVITATION: &str = "/workspaces/{ws}/invitations/{id}";
/// `POST` resend with a new token.
pub const INVITATION_RESEND: &str = "/workspaces/{ws}/invitations/{id}/resend";
/// `GET` a fresh invitation link.
pub const INVITATION_LINK: &str = "/workspaces/{ws}/invitations/{id}/link";
/// `GET` the caller's pending invitations.
pub const MY_INVITATIONS: &str = "/invitations";
/// `POST` accept by id.
pub const MY_INVITATION_ACCEPT: &str = "/invitations/{id}/accept";
/// `POST` decline by id.
pub const MY_INVITATION_DECLINE: &str = "/invitations/{id}/decline";
/// `POST` accept by token.
pub const INVITATION_ACCEPT_TOKEN: &str = "/invitations/accept";
/// `GET` what a link's token offers (`?token=`), signed in or not.
pub const INVITATION_LOOKUP: &str = "/invitations/lookup";
/// `GET` the workspace's mail (sent, queued, or held without SMTP).
pub const OUTBOX: &str = "/workspaces/{ws}/outbox";
/// `GET` the audit log.
pub const AUDIT: &str = "/workspaces/{ws}/audit";
/// `POST` one authorization decision.
pub const AUTHORIZE: &str = "/authorize";
/// `POST` up to 100 decisions at once.
pub const AUTHORIZE_BATCH: &str = "/authorize:batch";
