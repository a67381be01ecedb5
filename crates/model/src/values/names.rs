//! Display names and regions: `WorkspaceName`, `RoleName`, `Region`.

use serde::{Deserialize, Serialize};

use super::{display_name, string_value};

/// Why a name was refused.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
pub enum NameError {
    /// Nothing but spaces.
    #[error("Enter a name.")]
    Empty,
    /// Over the limit.
    #[error("Use at most {max} characters.")]
    TooLong {
        /// The limit in characters.
        max: usize,
    },
    /// Tabs, newlines, zero-width or other invisible characters.
    #[error("Names cannot contain line breaks or invisible characters.")]
    ControlCharacter,
}

/// A workspace's name: trimmed, 1–64 characters, no control characters.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct WorkspaceName(String);

impl WorkspaceName {
    /// The longest name, in characters.
    pub const MAX: usize = 64;

    /// Parses a name as typed.
    pub fn parse(s: &str) -> Result<WorkspaceName, NameError> {
        display_name(s, Self::MAX).map(|t| WorkspaceName(t.to_owned()))
    }
}
string_value!(WorkspaceName, NameError);

/// A custom role's name: trimmed, 1–48 characters, no control characters.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RoleName(String);

impl RoleName {
    /// The longest name, in characters.
    pub const MAX: usize = 48;

    /// Parses a name as typed.
    pub fn parse(s: &str) -> Result<RoleName, NameError> {
        display_name(s, Self::MAX).map(|t| RoleName(t.to_owned()))
    }
}
string_value!(RoleName, NameError);

/// Why a region was refused.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
pub enum RegionError {
    /// Not a region code at all.
    #[error("Enter a region code such as eu-central-1.")]
    Malformed,
    /// A region this deployment does not offer.
    #[error("This region is not available. Choose one of the listed regions.")]
    NotOffered,
}

/// A region code such as `eu-central-1` (syntax only; see [`Regions`]).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Region(String);

impl Region {
    /// Parses a region code: 1–32 of `a-z`, `0-9`, `-`, trimmed and lower-cased.
    pub fn parse(s: &str) -> Result<Region, RegionError> {
        if s.len() > 64 {
            return Err(RegionError::Malformed);
        }
        let t = s.trim().to_ascii_lowercase();
        let ok = (1..=32).contains(&t.len())
            && t.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !t.starts_with('-')
            && !t.ends_with('-');
        if ok {
            Ok(Region(t))
        } else {
            Err(RegionError::Malformed)
        }
    }
}
string_value!(Region, RegionError);

/// The regions a deployment offers for new workspaces.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Regions(Vec<Region>);

impl Default for Regions {
    fn default() -> Self {
        Regions(
            ["ap-south-1", "eu-central-1", "us-central-1"]
                .into_iter()
                .map(|r| Region(r.to_owned()))
                .collect(),
        )
    }
}

impl Regions {
    /// A configured list.
    pub fn new(regions: Vec<Region>) -> Regions {
        Regions(regions)
    }

    /// The offered regions in order.
    pub fn list(&self) -> &[Region] {
        &self.0
    }

    /// Parses a region and checks that it is offered.
    pub fn parse(&self, s: &str) -> Result<Region, RegionError> {
        let r = Region::parse(s)?;
        if self.0.contains(&r) {
            Ok(r)
        } else {
            Err(RegionError::NotOffered)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workspace_names_are_trimmed_and_bounded() {
        let long = "x".repeat(10_000);
        let cases: &[(&str, Result<&str, NameError>)] = &[
            ("Acme", Ok("Acme")),
            ("  Acme Data  ", Ok("Acme Data")),
            ("", Err(NameError::Empty)),
            ("   ", Err(NameError::Empty)),
            (&long, Err(NameError::TooLong { max: 64 })),
            ("Acme\nEvil", Err(NameError::ControlCharacter)),
            ("Ac\u{200B}me", Err(NameError::ControlCharacter)),
            ("Äcmé データ", Ok("Äcmé データ")),
        ];
        for (input, want) in cases {
            let got = WorkspaceName::parse(input).map(|n| n.to_string());
            assert_eq!(got, want.clone().map(str::to_owned), "{input:?}");
        }
        assert!(WorkspaceName::parse(&"é".repeat(64)).is_ok());
        assert!(WorkspaceName::parse(&"é".repeat(65)).is_err());
    }

    #[test]
    fn role_names_allow_48_characters() {
        assert!(RoleName::parse(&"r".repeat(48)).is_ok());
        assert_eq!(
            RoleName::parse(&"r".repeat(49)),
            Err(NameError::TooLong { max: 48 })
        );
        assert!(serde_json::from_str::<RoleName>("\"\"").is_err());
    }

    #[test]
    fn regions_come_from_the_configured_list() {
        let regions = Regions::default();
        let cases = [
            ("eu-central-1", Ok("eu-central-1")),
            (" EU-Central-1 ", Ok("eu-central-1")),
            ("us-east-1", Err(RegionError::NotOffered)),
            ("", Err(RegionError::Malformed)),
            ("eu central", Err(RegionError::Malformed)),
            ("еu-central-1", Err(RegionError::Malformed)), // Cyrillic е
        ];
        for (input, want) in cases {
            let got = regions.parse(input).map(|r| r.to_string());
            assert_eq!(got, want.map(str::to_owned), "{input:?}");
        }
        assert_eq!(
            regions.parse(&"a".repeat(10_000)),
            Err(RegionError::Malformed)
        );
    }
}
