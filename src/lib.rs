//! roster-web: Roster's single-page app (Leptos, compiled to WebAssembly).
//! It runs only in the browser, talks to the server only through `api`, and
//! decides what to show with `roster-model`, the code the server runs too.

pub mod api;
pub mod app;
pub mod components;
pub mod pages;
pub mod perf;
pub mod reactive;
pub mod router;
pub mod session;
pub mod state;
