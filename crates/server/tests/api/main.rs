//! The server's one integration-test binary: drives the real router over
//! HTTP (and, for crash safety, the real binary) on SQLite, and on
//! PostgreSQL when `ROSTER_TEST_DATABASE_URL` is set (`cargo xtask test`
//! always sets it for a second run).

mod accounts;
mod audit;
mod authorize;
mod bad_input;
mod basics;
mod crash;
mod invitation_lookup;
mod invitations;
mod isolation;
mod lifecycle;
mod mail;
mod matrix;
mod members;
mod openapi;
mod race;
mod races;
mod rules;
mod sealing;
mod security;
mod seed;
mod support;
mod team_search;
mod team_table;
mod workspaces;
