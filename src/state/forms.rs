//! Form drafts: what is typed in sign-up, sign-in and create-workspace, and
//! the message each field shows, from the `roster_model` parsers the server
//! runs too.

use roster_model::{Email, Regions, WorkspaceName};

/// The shortest password the server accepts.
pub const MIN_PASSWORD: usize = 8;

/// The message for an email field, if any.
pub fn email_error(s: &str) -> Option<String> {
    Email::parse(s).err().map(|e| e.to_string())
}

/// The message for a new password, if any.
pub fn password_error(s: &str) -> Option<String> {
    (s.chars().count() < MIN_PASSWORD).then(|| format!("Use at least {MIN_PASSWORD} characters."))
}

/// The message for a display name, if any.
pub fn name_error(s: &str) -> Option<String> {
    let t = s.trim();
    if t.is_empty() {
        Some("Enter your name.".to_owned())
    } else if t.chars().count() > 100 {
        Some("Use at most 100 characters.".to_owned())
    } else {
        None
    }
}

/// The message for a workspace name, if any.
pub fn workspace_name_error(s: &str) -> Option<String> {
    WorkspaceName::parse(s).err().map(|e| e.to_string())
}

/// The regions offered, with a person-friendly label.
pub fn regions() -> Vec<(String, &'static str)> {
    Regions::default()
        .list()
        .iter()
        .map(|r| {
            let label = match r.as_str() {
                "eu-central-1" => "Europe (Frankfurt)",
                "us-central-1" => "United States (Iowa)",
                "ap-south-1" => "Asia Pacific (Mumbai)",
                _ => "Region",
            };
            (r.as_str().to_owned(), label)
        })
        .collect()
}

/// Where a server problem code belongs when it names no field.
pub fn field_of_code(code: &str) -> Option<&'static str> {
    match code {
        "email_taken" | "invalid_credentials" => Some("email"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_use_the_models_parsers() {
        assert!(email_error("ada@acme.io").is_none());
        assert!(email_error("ada").is_some());
        assert!(password_error("short").is_some());
        assert!(password_error("long enough").is_none());
        assert!(name_error("  ").is_some());
        assert!(name_error("Ada").is_none());
        assert!(workspace_name_error("").is_some());
        assert!(workspace_name_error("Acme").is_none());
    }

    #[test]
    fn every_region_has_a_label() {
        let r = regions();
        assert!(!r.is_empty());
        assert!(r.iter().all(|(_, l)| *l != "Region"));
        assert_eq!(field_of_code("email_taken"), Some("email"));
        assert_eq!(field_of_code("other"), None);
    }
}
