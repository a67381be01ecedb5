//! The server's one integration-test binary: drives the real router over
//! HTTP on SQLite, and on PostgreSQL when `ROSTER_TEST_DATABASE_URL` is set
//! (`cargo xtask test` always sets it for a second run).

mod basics;
mod support;
