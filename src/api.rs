//! Typed HTTP client: one async fn per endpoint, the only user of gloo-net.
//! A failed call is never turned into `None`: network, decoding and server
//! problems stay apart so the UI can say what happened.

use gloo_net::http::{Request, Response};
use roster_api::{PROBLEM_CONTENT_TYPE, Problem, ReadinessResponse, paths};
use serde::de::DeserializeOwned;

/// Why a call failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// The server could not be reached.
    #[error("Roster could not be reached. Check your connection and try again.")]
    Network(String),
    /// The server answered something this app cannot read.
    #[error(
        "Roster answered in an unexpected way ({0}). Reload the page; if it persists, the app may be out of date."
    )]
    Decode(String),
    /// The server refused or failed, with its problem body.
    #[error("{}", .0.detail)]
    Server(Problem),
}

impl ApiError {
    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Server(p) => Some(p.status),
            _ => None,
        }
    }
}

async fn read<T: DeserializeOwned>(res: Response) -> Result<T, ApiError> {
    if res.ok() {
        return res
            .json::<T>()
            .await
            .map_err(|e| ApiError::Decode(e.to_string()));
    }
    let is_problem = res
        .headers()
        .get("content-type")
        .is_some_and(|ct| ct.starts_with(PROBLEM_CONTENT_TYPE));
    if is_problem {
        let problem = res
            .json::<Problem>()
            .await
            .map_err(|e| ApiError::Decode(e.to_string()))?;
        Err(ApiError::Server(problem))
    } else {
        Err(ApiError::Server(Problem::new(
            res.status(),
            "unexpected_status",
            "Unexpected answer",
            format!(
                "The server answered {} {}.",
                res.status(),
                res.status_text()
            ),
        )))
    }
}

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let res = Request::get(path)
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    read(res).await
}

/// `GET /readyz`: the server's state and database.
pub async fn readiness() -> Result<ReadinessResponse, ApiError> {
    get(paths::READYZ).await
}
