//! End-to-end journeys: the real server, in-process on a loopback port with a
//! temporary SQLite database, serving the release `dist/`, driven in headless
//! Chromium. Built only with `--features e2e` (`cargo xtask test` builds
//! `dist/` first, then runs these).

// The harness offers more helpers than today's journeys use.
#[allow(dead_code)]
#[path = "e2e/browser.rs"]
mod browser;
#[path = "e2e/server.rs"]
mod server;

#[path = "e2e/axe.rs"]
mod axe;

#[path = "e2e/accounts.rs"]
mod accounts;
#[path = "e2e/paging.rs"]
mod paging;
#[path = "e2e/switcher.rs"]
mod switcher;
#[path = "e2e/team.rs"]
mod team;
#[path = "e2e/workspace.rs"]
mod workspace;
