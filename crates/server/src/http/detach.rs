//! Requests that may change data run to completion on a task of their own,
//! so a client that goes away (a closed tab, a dropped connection, a load
//! generator stopping) cannot cancel a handler between two awaits, halfway
//! through a transaction. Cancelled there, sqlx's SQLite driver can hand a
//! connection back to the pool still inside a transaction whose `BEGIN` was
//! run but never acknowledged, and every later write on that connection
//! failed with a 500 (seen under load: an invite benchmark's second and
//! third runs failed almost whole after its first run stopped). A write the
//! server accepted is also finished, not abandoned when the client leaves.
//! Safe methods (GET, HEAD, OPTIONS) read without a transaction and stay
//! on the connection's task.

use crate::error::AppError;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse as _, Response};

/// Runs `next` on its own task unless the method is safe.
pub async fn run_writes_to_completion(req: Request, next: Next) -> Response {
    if req.method().is_safe() {
        return next.run(req).await;
    }
    match tokio::spawn(next.run(req)).await {
        Ok(res) => res,
        Err(e) => AppError::Internal(anyhow::anyhow!("the handler failed: {e}")).into_response(),
    }
}
