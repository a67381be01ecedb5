//! Bodies of the liveness and readiness probes.

use serde::{Deserialize, Serialize};

/// `GET /healthz`: the process is up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HealthResponse {
    /// Always `"ok"`.
    pub status: String,
    /// The server's version.
    pub version: String,
}

/// `GET /readyz`: the process can serve requests (its database answers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReadinessResponse {
    /// `"ready"` or `"unavailable"`.
    pub status: String,
    /// `"sqlite"` or `"postgres"`.
    pub database: String,
    /// Applied migrations.
    pub migrations: u32,
    /// The server's version.
    pub version: String,
}
