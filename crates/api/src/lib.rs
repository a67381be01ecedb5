//! Roster's wire contract: the only definition of the JSON shapes that the
//! server sends and the web app reads (invariant 2 in ARCHITECTURE.md).
//!
//! Everything here is plain data with serde derives; no I/O, no async, so the
//! crate builds for `wasm32-unknown-unknown` as well as natively.
#![warn(missing_docs)]

pub mod health;
pub mod paths;
pub mod problem;

pub use health::{HealthResponse, ReadinessResponse};
pub use problem::{FieldError, PROBLEM_CONTENT_TYPE, Problem};
