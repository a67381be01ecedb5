//! Checks of workspace settings and configuration entries as typed: shape
//! only (lengths, formats), never who may change them.

use crate::error::AppError;
use crate::store::workspaces::Workspace;
use roster_api::{FieldError, UpdateWorkspaceRequest};
use roster_model::{DomainName, WorkspaceName};

/// The longest description (home page), in characters.
pub const MAX_DESCRIPTION: usize = 20_000;
/// The longest configuration value, in characters.
pub const MAX_CONFIG_VALUE: usize = 8 * 1024;

/// A field error from any displayable error.
pub fn error(field: &str, e: impl std::fmt::Display) -> FieldError {
    FieldError {
        field: field.to_owned(),
        message: e.to_string(),
    }
}

fn optional(text: String) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// Applies a settings patch to `w`, or says which fields are invalid.
pub fn apply(mut w: Workspace, req: UpdateWorkspaceRequest) -> Result<Workspace, AppError> {
    let mut errors = Vec::new();
    if let Some(name) = req.name {
        match WorkspaceName::parse(&name) {
            Ok(n) => w.name = n.as_str().to_owned(),
            Err(e) => errors.push(error("name", e)),
        }
    }
    if let Some(logo) = req.logo_url {
        let logo = optional(logo);
        let ok = logo.as_deref().is_none_or(|u| {
            (u.starts_with("https://") || u.starts_with("http://"))
                && u.len() <= 2048
                && !u.chars().any(|c| c.is_whitespace() || c.is_control())
        });
        if ok {
            w.logo_url = logo;
        } else {
            errors.push(error(
                "logo_url",
                "Enter an image address starting with https://.",
            ));
        }
    }
    if let Some(colour) = req.colour {
        let colour = optional(colour).map(|c| c.to_ascii_lowercase());
        let ok = colour.as_deref().is_none_or(|c| {
            c.len() == 7 && c.starts_with('#') && c[1..].bytes().all(|b| b.is_ascii_hexdigit())
        });
        if ok {
            w.colour = colour;
        } else {
            errors.push(error("colour", "Enter a colour like #1a73e8."));
        }
    }
    if let Some(description) = req.description {
        if description.chars().count() > MAX_DESCRIPTION {
            errors.push(error(
                "description",
                format!("Use at most {MAX_DESCRIPTION} characters."),
            ));
        } else {
            w.description = description;
        }
    }
    if let Some(countries) = req.countries {
        let mut codes: Vec<String> = countries
            .iter()
            .map(|c| c.trim().to_ascii_uppercase())
            .collect();
        if codes.len() > 250
            || codes
                .iter()
                .any(|c| c.len() != 2 || !c.bytes().all(|b| b.is_ascii_uppercase()))
        {
            errors.push(error(
                "countries",
                "Use two-letter country codes such as DE or IN.",
            ));
        } else {
            codes.sort();
            codes.dedup();
            w.countries = codes;
        }
    }
    if let Some(domain) = req.domain {
        match optional(domain).map(|d| DomainName::parse(&d)).transpose() {
            Ok(d) => w.domain = d.map(|d| d.as_str().to_owned()),
            Err(e) => errors.push(error("domain", e)),
        }
    }
    if errors.is_empty() {
        Ok(w)
    } else {
        Err(AppError::Validation(errors))
    }
}

/// Keys are 1–64 of `a-z 0-9 _ . -`.
pub fn check_config_key(key: &str) -> Result<(), AppError> {
    let ok = (1..=64).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_.-".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(AppError::field(
            "key",
            "Use 1–64 lower-case letters, digits, _, . or -.",
        ))
    }
}

/// Values are at most 8,192 characters.
pub fn check_config_value(value: &str) -> Result<(), AppError> {
    if value.chars().count() <= MAX_CONFIG_VALUE {
        Ok(())
    } else {
        Err(AppError::field(
            "value",
            format!("Use at most {MAX_CONFIG_VALUE} characters."),
        ))
    }
}
