//! Path templates of the HTTP API, shared so the server mounts and the web
//! app calls the very same strings.

/// Prefix of every API path.
pub const API_PREFIX: &str = "/api/v1";
/// Liveness probe (outside the API prefix).
pub const HEALTHZ: &str = "/healthz";
/// Readiness probe (outside the API prefix).
pub const READYZ: &str = "/readyz";
