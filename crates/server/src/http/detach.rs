//! Every request runs to completion on a task of its own, so a client that
//! goes away (a closed tab, a dropped connection, a load generator stopping)
//! cannot cancel a handler between two awaits, halfway through a
//! transaction. Cancelled there, sqlx's SQLite driver can hand a connection
//! back to the pool still inside a transaction whose `BEGIN` was run but
//! never acknowledged, and every later write on that connection failed with
//! a 500 (seen under load: an invite benchmark's second and third runs
//! failed almost whole after its first run stopped). A write the server
//! accepted is also finished, not abandoned when the client leaves. Reads
//! go through it too: one GET writes (copying an invitation link issues a
//! fresh token), and the task costs nothing measurable (a workspace read at
//! about 26,000 req/s on one core, and a team-table page, were as fast
//! with it as without, alternating runs).

use crate::error::AppError;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse as _, Response};

/// Runs the rest of the request on its own task.
pub async fn run_to_completion(req: Request, next: Next) -> Response {
    match tokio::spawn(next.run(req)).await {
        Ok(res) => res,
        Err(e) => AppError::Internal(anyhow::anyhow!("the handler failed: {e}")).into_response(),
    }
}
