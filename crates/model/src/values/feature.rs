//! Feature keys and the deployment's feature catalogue (what "feature access"
//! can name). Invariant: a `FeatureKey` is lower snake case, 1–48 characters.

use serde::{Deserialize, Serialize};

use super::string_value;

/// Why a feature key was refused.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
pub enum FeatureKeyError {
    /// Not lower snake case, or the wrong length.
    #[error(
        "Feature keys are 1–48 lower-case letters, digits and underscores, starting with a letter."
    )]
    Malformed,
}

/// A feature's key, e.g. `ai_chat`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct FeatureKey(String);

impl FeatureKey {
    /// Parses a key (no trimming or case folding: keys are identifiers).
    pub fn parse(s: &str) -> Result<FeatureKey, FeatureKeyError> {
        let ok = (1..=48).contains(&s.len())
            && s.as_bytes()[0].is_ascii_lowercase()
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            && !s.ends_with('_')
            && !s.contains("__");
        if ok {
            Ok(FeatureKey(s.to_owned()))
        } else {
            Err(FeatureKeyError::Malformed)
        }
    }
}
string_value!(FeatureKey, FeatureKeyError);

/// One feature of the host product.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Feature {
    /// The key used in feature access lists.
    pub key: FeatureKey,
    /// A short label.
    pub label: String,
    /// One sentence.
    pub description: String,
}

/// The features a deployment offers (`GET /permissions` lists them).
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct FeatureCatalogue(Vec<Feature>);

impl Default for FeatureCatalogue {
    fn default() -> Self {
        let f = |key: &str, label: &str, description: &str| Feature {
            key: FeatureKey(key.to_owned()),
            label: label.to_owned(),
            description: description.to_owned(),
        };
        FeatureCatalogue(vec![
            f("dashboard", "Dashboards", "View and build dashboards."),
            f(
                "ai_chat",
                "AI chat",
                "Ask questions about your data in plain language.",
            ),
            f("query_builder", "Query builder", "Write and run queries."),
            f("data_view", "Data view", "Browse tables and records."),
        ])
    }
}

impl FeatureCatalogue {
    /// A configured catalogue.
    pub fn new(features: Vec<Feature>) -> FeatureCatalogue {
        FeatureCatalogue(features)
    }

    /// The features in display order.
    pub fn features(&self) -> &[Feature] {
        &self.0
    }

    /// Looks a feature up by key.
    pub fn get(&self, key: &str) -> Option<&Feature> {
        self.0.iter().find(|f| f.key.as_str() == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feature_keys_are_lower_snake_case() {
        let cases = [
            ("ai_chat", true),
            ("dashboard2", true),
            ("", false),
            ("AI_chat", false),
            ("_chat", false),
            ("chat_", false),
            ("ai__chat", false),
            ("2d", false),
            ("ai-chat", false),
            ("dаshboard", false), // Cyrillic а
        ];
        for (key, ok) in cases {
            assert_eq!(FeatureKey::parse(key).is_ok(), ok, "{key:?}");
        }
        assert!(FeatureKey::parse(&"a".repeat(48)).is_ok());
        assert!(FeatureKey::parse(&"a".repeat(10_000)).is_err());
    }

    #[test]
    fn the_default_catalogue_has_the_four_product_features() {
        let cat = FeatureCatalogue::default();
        let keys: Vec<_> = cat.features().iter().map(|f| f.key.as_str()).collect();
        assert_eq!(keys, ["dashboard", "ai_chat", "query_builder", "data_view"]);
        assert!(
            cat.features()
                .iter()
                .all(|f| FeatureKey::parse(f.key.as_str()).is_ok())
        );
        assert_eq!(cat.get("ai_chat").unwrap().label, "AI chat");
        assert!(cat.get("nope").is_none());
    }
}
