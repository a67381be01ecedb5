//! Validated values ("parse, don't validate"). Invariant: a value of one of
//! these types is always well formed; the browser calls `parse` on every
//! keystroke and the server gets the same check through serde.

mod domain;
mod email;
mod feature;
mod names;
pub mod settings;

pub use domain::{DomainError, DomainName};
pub use email::{Email, EmailError, PersonalDomains};
pub use feature::{Feature, FeatureCatalogue, FeatureKey, FeatureKeyError};
pub use names::{NameError, Region, RegionError, Regions, RoleName, WorkspaceName};

/// Implements `TryFrom<String>`, `From<T> for String`, `Display`, `as_str` for
/// a validated string newtype whose `parse(&str)` returns `Result<Self, E>`.
macro_rules! string_value {
    ($ty:ident, $err:ty) => {
        impl TryFrom<String> for $ty {
            type Error = $err;

            fn try_from(s: String) -> Result<Self, Self::Error> {
                $ty::parse(&s)
            }
        }

        impl From<$ty> for String {
            fn from(v: $ty) -> String {
                v.0
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::str::FromStr for $ty {
            type Err = $err;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $ty::parse(s)
            }
        }

        impl $ty {
            /// The normalised value.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
    };
}
pub(crate) use string_value;

/// Trims surrounding whitespace and checks a display name's length (in
/// characters) and that it has no control characters.
pub(crate) fn display_name(s: &str, max: usize) -> Result<&str, NameError> {
    // Bound the work on hostile input before trimming and checking.
    if s.chars().nth(max * 4 + 64).is_some() {
        return Err(NameError::TooLong { max });
    }
    let t = s.trim();
    if t.is_empty() {
        return Err(NameError::Empty);
    }
    if t.chars().count() > max {
        return Err(NameError::TooLong { max });
    }
    if t.chars().any(|c| c.is_control() || is_invisible(c)) {
        return Err(NameError::ControlCharacter);
    }
    Ok(t)
}

/// Zero-width and bidi-override characters that make a name look like another.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}
