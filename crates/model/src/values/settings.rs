//! Workspace settings as typed: logo address, colour, countries, home page
//! and configuration entries. Shape only (lengths, formats); the browser
//! shows these messages beside the field and the server answers them as 422.

use super::{DomainError, DomainName};

/// Why a setting was refused (the message is shown beside the field).
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
pub enum SettingError {
    /// Not an http(s) address, too long, or with spaces.
    #[error("Enter an image address starting with https://.")]
    LogoUrl,
    /// Not `#rrggbb`.
    #[error("Enter a colour like #1a73e8.")]
    Colour,
    /// Not two-letter codes, or too many.
    #[error("Use two-letter country codes such as DE or IN.")]
    Countries,
    /// Over the limit.
    #[error("Use at most {max} characters.")]
    TooLong {
        /// The limit in characters.
        max: usize,
    },
    /// A configuration key outside `[a-z0-9_.-]{1,64}`.
    #[error("Use 1–64 lower-case letters, digits, _, . or -.")]
    ConfigKey,
}

/// The longest description (home page), in characters.
pub const MAX_DESCRIPTION: usize = 20_000;
/// The longest configuration value, in characters.
pub const MAX_CONFIG_VALUE: usize = 8 * 1024;
/// The most countries a workspace lists.
pub const MAX_COUNTRIES: usize = 250;

fn optional(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// A company domain as typed (`None` clears it).
pub fn parse_domain(s: &str) -> Result<Option<DomainName>, DomainError> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    DomainName::parse(t).map(Some)
}

/// A logo address (`None` clears it).
pub fn parse_logo_url(s: &str) -> Result<Option<String>, SettingError> {
    let logo = optional(s);
    let ok = logo.as_deref().is_none_or(|u| {
        let rest = u
            .strip_prefix("https://")
            .or_else(|| u.strip_prefix("http://"));
        rest.is_some_and(|r| !r.is_empty())
            && u.len() <= 2048
            && !u.chars().any(|c| c.is_whitespace() || c.is_control())
    });
    if ok {
        Ok(logo)
    } else {
        Err(SettingError::LogoUrl)
    }
}

/// A colour as lower-case `#rrggbb` (`None` clears it).
pub fn parse_colour(s: &str) -> Result<Option<String>, SettingError> {
    let colour = optional(s).map(|c| c.to_ascii_lowercase());
    let ok = colour.as_deref().is_none_or(|c| {
        c.len() == 7 && c.starts_with('#') && c[1..].bytes().all(|b| b.is_ascii_hexdigit())
    });
    if ok {
        Ok(colour)
    } else {
        Err(SettingError::Colour)
    }
}

/// Country codes, upper-cased, sorted and without repeats.
pub fn parse_countries<S: AsRef<str>>(list: &[S]) -> Result<Vec<String>, SettingError> {
    if list.len() > MAX_COUNTRIES {
        return Err(SettingError::Countries);
    }
    // Sorted by insertion: no sort routine in the browser build for ≤ 250 codes.
    let mut codes: Vec<String> = Vec::with_capacity(list.len());
    for c in list {
        let c = c.as_ref().trim().to_ascii_uppercase();
        if c.len() != 2 || !c.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(SettingError::Countries);
        }
        if let Err(at) = codes.binary_search(&c) {
            codes.insert(at, c);
        }
    }
    Ok(codes)
}

/// Country codes as typed in one box (commas or spaces between them).
pub fn parse_country_text(s: &str) -> Result<Vec<String>, SettingError> {
    let parts: Vec<&str> = s
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    parse_countries(&parts)
}

/// A description (Markdown home page) within the limit.
pub fn check_description(s: &str) -> Result<(), SettingError> {
    if s.chars().count() <= MAX_DESCRIPTION {
        Ok(())
    } else {
        Err(SettingError::TooLong {
            max: MAX_DESCRIPTION,
        })
    }
}

/// A configuration key: 1–64 of `a-z 0-9 _ . -`.
pub fn check_config_key(key: &str) -> Result<(), SettingError> {
    let ok = (1..=64).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_.-".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(SettingError::ConfigKey)
    }
}

/// A configuration value of at most 8,192 characters.
pub fn check_config_value(value: &str) -> Result<(), SettingError> {
    if value.chars().count() <= MAX_CONFIG_VALUE {
        Ok(())
    } else {
        Err(SettingError::TooLong {
            max: MAX_CONFIG_VALUE,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logos_are_web_addresses_and_empty_clears() {
        assert_eq!(parse_logo_url("  "), Ok(None));
        assert_eq!(
            parse_logo_url(" https://acme.test/logo.png "),
            Ok(Some("https://acme.test/logo.png".into()))
        );
        for bad in ["javascript:alert(1)", "https://", "https://a b", "ftp://x"] {
            assert_eq!(parse_logo_url(bad), Err(SettingError::LogoUrl), "{bad}");
        }
        assert!(parse_logo_url(&format!("https://{}", "a".repeat(2048))).is_err());
    }

    #[test]
    fn an_empty_domain_clears_and_others_are_parsed() {
        assert_eq!(parse_domain("  "), Ok(None));
        assert_eq!(
            parse_domain(" acme.io ").unwrap().unwrap().as_str(),
            "acme.io"
        );
        assert!(parse_domain("not a domain").is_err());
    }

    #[test]
    fn colours_are_six_hex_digits() {
        assert_eq!(parse_colour("#1A73E8"), Ok(Some("#1a73e8".into())));
        assert_eq!(parse_colour(""), Ok(None));
        for bad in ["1a73e8", "#1a73e", "#gggggg", "#1a73e8ff"] {
            assert!(parse_colour(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn countries_are_two_letter_codes_sorted_once() {
        assert_eq!(
            parse_country_text("de, in  us,DE"),
            Ok(vec!["DE".into(), "IN".into(), "US".into()])
        );
        assert_eq!(parse_country_text(""), Ok(vec![]));
        assert!(parse_country_text("Germany").is_err());
        assert!(parse_country_text("D1").is_err());
        let many: Vec<String> = (0..251).map(|_| "DE".to_owned()).collect();
        assert!(parse_countries(&many).is_err());
    }

    #[test]
    fn limits_hold_at_the_edge() {
        assert!(check_description(&"x".repeat(MAX_DESCRIPTION)).is_ok());
        assert!(check_description(&"x".repeat(MAX_DESCRIPTION + 1)).is_err());
        assert!(check_config_value(&"é".repeat(MAX_CONFIG_VALUE)).is_ok());
        assert!(check_config_value(&"é".repeat(MAX_CONFIG_VALUE + 1)).is_err());
        assert!(check_config_key("feature.flags-2_x").is_ok());
        for bad in ["", "Upper", "a b", &"k".repeat(65)] {
            assert!(check_config_key(bad).is_err(), "{bad:?}");
        }
    }
}
