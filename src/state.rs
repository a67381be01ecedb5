//! UI logic kept out of `view!`: the team table's sort/search/grouping, the
//! invite dialog's rows and verdicts, role-change diffs and the actor the
//! permission model judges. Plain structs with plain `#[test]`s.

pub mod access;
pub mod forms;
pub mod invites;
pub mod roles;
pub mod table;
pub mod text;
