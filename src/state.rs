//! UI logic kept out of `view!`: the team table's sort/search/grouping, the
//! invite dialog's rows and verdicts, role and access edits with their diffs, the settings form and the home
//! page's Markdown, the team tables kept for instant switching, the audit log's wording, what an invitation
//! link's landing page offers and the actor the permission model judges. Plain structs with plain `#[test]`s.

pub mod access;
pub mod access_edit;
pub mod audit;
pub mod cache;
pub mod forms;
pub mod invites;
pub mod landing;
pub mod loading;
pub mod markdown;
pub mod roles;
pub mod settings;
pub mod table;
pub mod text;

/// Team-table rows for the tests of this module and of the pages.
#[cfg(test)]
pub(crate) mod fixtures {
    use roster_api::MemberResponse;
    use roster_model::{FeatureAccess, MemberStatus, ResourceAccess};

    /// Member `id` (user `u-{id}`, named `id`, `{id}@acme.test`) with access
    /// to everything.
    pub(crate) fn member(id: &str, role: &str, status: MemberStatus) -> MemberResponse {
        MemberResponse {
            id: id.into(),
            user_id: Some(format!("u-{id}")),
            name: id.into(),
            email: format!("{id}@acme.test"),
            role: role.into(),
            status,
            feature_access: FeatureAccess::All,
            resource_access: ResourceAccess::All,
            joined_at: "2026-01-02T03:04:05Z".into(),
            invited_by: None,
        }
    }
}
