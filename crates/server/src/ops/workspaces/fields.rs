//! Checks of workspace settings and configuration entries as typed: shape
//! only (lengths, formats), never who may change them.

use crate::error::AppError;
use crate::store::workspaces::Workspace;
use roster_api::{FieldError, UpdateWorkspaceRequest};
use roster_model::WorkspaceName;
use roster_model::settings;

/// A field error from any displayable error.
pub fn error(field: &str, e: impl std::fmt::Display) -> FieldError {
    FieldError {
        field: field.to_owned(),
        message: e.to_string(),
    }
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
        match settings::parse_logo_url(&logo) {
            Ok(v) => w.logo_url = v,
            Err(e) => errors.push(error("logo_url", e)),
        }
    }
    if let Some(colour) = req.colour {
        match settings::parse_colour(&colour) {
            Ok(v) => w.colour = v,
            Err(e) => errors.push(error("colour", e)),
        }
    }
    if let Some(description) = req.description {
        match settings::check_description(&description) {
            Ok(()) => w.description = description,
            Err(e) => errors.push(error("description", e)),
        }
    }
    if let Some(countries) = req.countries {
        match settings::parse_countries(&countries) {
            Ok(v) => w.countries = v,
            Err(e) => errors.push(error("countries", e)),
        }
    }
    if let Some(domain) = req.domain {
        match settings::parse_domain(&domain) {
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
    settings::check_config_key(key).map_err(|e| AppError::field("key", e.to_string()))
}

/// Values are at most 8,192 characters.
pub fn check_config_value(value: &str) -> Result<(), AppError> {
    settings::check_config_value(value).map_err(|e| AppError::field("value", e.to_string()))
}
