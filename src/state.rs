//! UI logic kept out of `view!`: the team table's sort/search/grouping, the
//! invite dialog's rows and verdicts, role and access edits with their diffs, the settings form and the home
//! page's Markdown, the team tables kept for instant switching and the audit log's wording and the actor the
//! permission model judges. Plain structs with plain `#[test]`s.

pub mod access;
pub mod access_edit;
pub mod audit;
pub mod cache;
pub mod forms;
pub mod invites;
pub mod loading;
pub mod markdown;
pub mod roles;
pub mod settings;
pub mod table;
pub mod text;
