//! The role editor's draft: a member's role, feature access and resource
//! access as edited, what the change grants or removes, and the minimal
//! `PATCH` that saves it. The verdicts come from `roster_model::authorize`.

use crate::state::invites::BatchAccess;
use crate::state::roles::RoleDiff;
use roster_api::{MemberResponse, UpdateMemberRequest};
use roster_model::{
    Action, Actor, Denied, Facts, FeatureAccess, FeatureCatalogue, FeatureKey, ResourceAccess,
    ResourceId, RoleCatalogue, authorize,
};
use std::collections::BTreeSet;

/// What the editor holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessDraft {
    /// Role key.
    pub role: String,
    /// "All features" is chosen.
    pub all_features: bool,
    /// The chosen feature keys, sorted (kept while "All" is on, so toggling
    /// back restores them).
    pub features: Vec<String>,
    /// "All resources" is chosen.
    pub all_resources: bool,
    /// The resource ids as typed (comma, space or newline separated).
    pub resources_text: String,
}

impl AccessDraft {
    /// The draft that changes nothing.
    pub fn of(m: &MemberResponse) -> AccessDraft {
        let (all_features, features) = match &m.feature_access {
            FeatureAccess::All => (true, Vec::new()),
            FeatureAccess::Only(s) => (false, s.iter().map(|k| k.as_str().to_owned()).collect()),
        };
        let (all_resources, resources_text) = match &m.resource_access {
            ResourceAccess::All => (true, String::new()),
            ResourceAccess::Only(s) => (
                false,
                s.iter()
                    .map(ResourceId::as_str)
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
        };
        AccessDraft {
            role: m.role.clone(),
            all_features,
            features,
            all_resources,
            resources_text,
        }
    }

    /// Everything for everyone: the invite dialog's starting point.
    pub fn everything() -> AccessDraft {
        AccessDraft {
            role: String::new(),
            all_features: true,
            features: Vec::new(),
            all_resources: true,
            resources_text: String::new(),
        }
    }

    /// The access as a batch's, or why the resource ids are refused.
    pub fn batch_access(&self) -> Result<BatchAccess, String> {
        Ok(BatchAccess {
            features: self.feature_access(),
            resources: self.resource_access()?,
        })
    }

    /// Ticks or unticks a feature.
    pub fn set_feature(&mut self, key: &str, on: bool) {
        match (self.features.iter().position(|k| k == key), on) {
            (None, true) => {
                let at = self.features.partition_point(|k| k.as_str() < key);
                self.features.insert(at, key.to_owned());
            }
            (Some(i), false) => {
                self.features.remove(i);
            }
            _ => {}
        }
    }

    /// The feature access as chosen.
    pub fn feature_access(&self) -> FeatureAccess {
        if self.all_features {
            return FeatureAccess::All;
        }
        // Inserted one by one: `collect` into a set would compile a sort.
        let mut set = BTreeSet::new();
        for k in &self.features {
            if let Ok(k) = FeatureKey::parse(k) {
                set.insert(k);
            }
        }
        FeatureAccess::Only(set)
    }

    /// The resource access as typed, or why the list cannot be saved.
    pub fn resource_access(&self) -> Result<ResourceAccess, String> {
        if self.all_resources {
            return Ok(ResourceAccess::All);
        }
        let mut ids = BTreeSet::new();
        for id in self
            .resources_text
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
        {
            ids.insert(ResourceId::new(id));
        }
        let access = ResourceAccess::Only(ids);
        access.check().map_err(|e| e.to_string())?;
        Ok(access)
    }

    /// The `PATCH` body with only what changed (`None` when nothing did, or
    /// when the resource list is invalid).
    pub fn request(&self, m: &MemberResponse) -> Option<UpdateMemberRequest> {
        let features = self.feature_access();
        let resources = self.resource_access().ok()?;
        let req = UpdateMemberRequest {
            role: (self.role != m.role).then(|| self.role.clone()),
            feature_access: (features != m.feature_access).then_some(features),
            resource_access: (resources != m.resource_access).then_some(resources),
            status: None,
        };
        let any =
            req.role.is_some() || req.feature_access.is_some() || req.resource_access.is_some();
        any.then_some(req)
    }

    /// The model's verdict on each part that changed: role, features, resources.
    pub fn verdicts(
        &self,
        m: &MemberResponse,
        actor: &Actor,
        facts: &Facts,
    ) -> [Result<(), Denied>; 3] {
        let Some(target) = crate::state::access::member_of(m) else {
            return [Ok(()), Ok(()), Ok(())];
        };
        let check = |a: Action| authorize(actor, &a, facts).map(|_| ());
        let req = self.request(m).unwrap_or_default();
        let role = match (req.role, RoleCatalogue::default().resolve_str(&self.role)) {
            (Some(_), Some(new_role)) => check(Action::ChangeRole {
                target: target.clone(),
                new_role,
            }),
            _ => Ok(()),
        };
        let features = match req.feature_access {
            Some(access) => check(Action::ChangeFeatureAccess {
                target: target.clone(),
                access,
            }),
            None => Ok(()),
        };
        let resources = match req.resource_access {
            Some(access) => check(Action::ChangeResourceAccess { target, access }),
            None => Ok(()),
        };
        [role, features, resources]
    }
}

/// What a change of feature access adds and removes, as feature labels
/// (`gains_all` when it becomes "All features").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeatureDiff {
    /// Becomes "All features" (every feature, including future ones).
    pub gains_all: bool,
    /// Labels of features gained.
    pub gains: Vec<String>,
    /// Labels of features lost.
    pub loses: Vec<String>,
}

impl FeatureDiff {
    /// The difference between two accesses over the catalogue's features.
    pub fn between(
        from: &FeatureAccess,
        to: &FeatureAccess,
        cat: &FeatureCatalogue,
    ) -> FeatureDiff {
        let to_all = matches!(to, FeatureAccess::All) && !matches!(from, FeatureAccess::All);
        let mut diff = FeatureDiff {
            gains_all: to_all,
            ..FeatureDiff::default()
        };
        for f in cat.features() {
            match (from.allows(&f.key), to.allows(&f.key)) {
                (false, true) if !to_all => diff.gains.push(f.label.clone()),
                (true, false) => diff.loses.push(f.label.clone()),
                _ => {}
            }
        }
        diff
    }
}

/// "All resources", "No resources" or "3 resources".
pub fn resources_summary(a: &ResourceAccess) -> String {
    match a {
        ResourceAccess::All => "All resources".to_owned(),
        ResourceAccess::Only(s) if s.is_empty() => "No resources".to_owned(),
        ResourceAccess::Only(s) if s.len() == 1 => "1 resource".to_owned(),
        ResourceAccess::Only(s) => format!("{} resources", s.len()),
    }
}

/// The change as lines: (is a gain, heading, text).
pub fn change_lines(d: &AccessDraft, m: &MemberResponse) -> Vec<(bool, &'static str, String)> {
    let mut out = Vec::new();
    let Some(req) = d.request(m) else { return out };
    if req.role.is_some() {
        let cat = RoleCatalogue::default();
        if let (Some(a), Some(b)) = (cat.resolve_str(&m.role), cat.resolve_str(&d.role)) {
            let diff = RoleDiff::between(&a, &b);
            if !diff.gains.is_empty() {
                out.push((true, "Gains:", diff.gains.join(", ")));
            }
            if !diff.loses.is_empty() {
                out.push((false, "Loses:", diff.loses.join(", ")));
            }
        }
    }
    if let Some(to) = &req.feature_access {
        let diff = FeatureDiff::between(&m.feature_access, to, &FeatureCatalogue::default());
        if diff.gains_all {
            out.push((
                true,
                "Features:",
                "every feature, including new ones".to_owned(),
            ));
        } else if !diff.gains.is_empty() {
            out.push((true, "Features gained:", diff.gains.join(", ")));
        }
        if !diff.loses.is_empty() {
            out.push((false, "Features lost:", diff.loses.join(", ")));
        }
    }
    if let Some(to) = &req.resource_access {
        let from = resources_summary(&m.resource_access);
        let gain = !to.is_subset(&m.resource_access);
        out.push((
            gain,
            "Resources:",
            format!("{from} \u{2192} {}", resources_summary(to)),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use roster_model::MemberStatus;

    fn row(role: &str, features: FeatureAccess, resources: ResourceAccess) -> MemberResponse {
        MemberResponse {
            feature_access: features,
            resource_access: resources,
            ..crate::state::fixtures::member("m1", role, MemberStatus::Active)
        }
    }

    fn keys(ks: &[&str]) -> FeatureAccess {
        FeatureAccess::Only(ks.iter().map(|k| FeatureKey::parse(k).unwrap()).collect())
    }

    #[test]
    fn an_untouched_draft_sends_nothing() {
        let m = row("editor", keys(&["dashboard"]), ResourceAccess::All);
        let mut d = AccessDraft::of(&m);
        assert_eq!(d.request(&m), None);
        d.set_feature("ai_chat", true);
        d.set_feature("ai_chat", true);
        assert_eq!(d.features, ["ai_chat", "dashboard"], "sorted, once");
        d.set_feature("ai_chat", false);
        assert_eq!(d.request(&m), None, "back to where it was");
    }

    #[test]
    fn only_the_changed_parts_are_sent() {
        let m = row("editor", FeatureAccess::All, ResourceAccess::All);
        let mut d = AccessDraft::of(&m);
        d.all_resources = false;
        d.resources_text = "r1, r2\nr2  r3".into();
        let req = d.request(&m).unwrap();
        assert_eq!(req.role, None);
        assert_eq!(req.feature_access, None);
        let ResourceAccess::Only(ids) = req.resource_access.unwrap() else {
            panic!()
        };
        assert_eq!(ids.len(), 3, "duplicates collapse");
    }

    #[test]
    fn an_oversized_resource_list_is_refused_with_a_reason() {
        let m = row("editor", FeatureAccess::All, ResourceAccess::All);
        let mut d = AccessDraft::of(&m);
        d.all_resources = false;
        d.resources_text = (0..=ResourceAccess::MAX_IDS)
            .map(|i| format!("r{i}"))
            .collect::<Vec<_>>()
            .join(",");
        assert!(d.resource_access().unwrap_err().contains("at most 500"));
        assert_eq!(d.request(&m), None);
        d.resources_text = "x".repeat(201);
        assert!(d.resource_access().is_err());
    }

    #[test]
    fn feature_diffs_name_what_is_gained_and_lost() {
        let cat = FeatureCatalogue::default();
        let d = FeatureDiff::between(&FeatureAccess::All, &keys(&["dashboard"]), &cat);
        assert!(!d.gains_all && d.gains.is_empty());
        assert_eq!(
            d.loses,
            ["AI chat", "Query builder", "Data view"],
            "in catalogue order"
        );
        let d = FeatureDiff::between(&keys(&["dashboard"]), &FeatureAccess::All, &cat);
        assert!(d.gains_all && d.loses.is_empty());
        let d = FeatureDiff::between(&keys(&["dashboard"]), &keys(&["ai_chat"]), &cat);
        assert_eq!(
            (d.gains, d.loses),
            (vec!["AI chat".to_owned()], vec!["Dashboards".to_owned()])
        );
    }

    #[test]
    fn the_model_refuses_a_viewer_editing_anyone() {
        let m = row("editor", FeatureAccess::All, ResourceAccess::All);
        let me = row("viewer", FeatureAccess::All, ResourceAccess::All);
        let me = MemberResponse {
            id: "m0".into(),
            user_id: Some("u0".into()),
            ..me
        };
        let actor = crate::state::access::actor("u0", "viewer", "active", &[&me]);
        let facts = crate::state::access::facts("Acme", &actor, &[&me, &m]);
        let mut d = AccessDraft::of(&m);
        d.role = "admin".into();
        d.all_features = false;
        let [role, features, resources] = d.verdicts(&m, &actor, &facts);
        assert!(role.is_err() && features.is_err());
        assert!(resources.is_ok(), "resources did not change");
    }

    #[test]
    fn the_change_reads_as_gains_and_losses() {
        let m = row("editor", FeatureAccess::All, ResourceAccess::All);
        let mut d = AccessDraft::of(&m);
        assert!(change_lines(&d, &m).is_empty());
        d.role = "viewer".into();
        d.all_features = false;
        d.set_feature("dashboard", true);
        d.all_resources = false;
        d.resources_text = "r1".into();
        let heads: Vec<_> = change_lines(&d, &m).iter().map(|l| (l.0, l.1)).collect();
        assert_eq!(
            heads,
            [
                (false, "Loses:"),
                (false, "Features lost:"),
                (false, "Resources:")
            ],
            "a demotion with less access only loses"
        );
    }

    #[test]
    fn resource_summaries_count() {
        assert_eq!(resources_summary(&ResourceAccess::All), "All resources");
        assert_eq!(
            resources_summary(&ResourceAccess::Only(BTreeSet::new())),
            "No resources"
        );
    }
}
