//! The workspace settings form: the draft as typed, each field's message from
//! the `roster_model` parsers the server runs, and the `PATCH` with only
//! what changed.

use super::forms::workspace_name_error;
use roster_api::{UpdateWorkspaceRequest, WorkspaceResponse};
use roster_model::settings::{
    check_description, parse_colour, parse_country_text, parse_domain, parse_logo_url,
};

/// What the settings form holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SettingsDraft {
    /// Display name.
    pub name: String,
    /// Logo address.
    pub logo_url: String,
    /// `#rrggbb` or empty.
    pub colour: String,
    /// Markdown home page.
    pub description: String,
    /// Country codes, comma or space separated.
    pub countries: String,
    /// Company domain.
    pub domain: String,
}

/// The fields of the form, by API name.
pub const FIELDS: [&str; 6] = [
    "name",
    "logo_url",
    "colour",
    "description",
    "countries",
    "domain",
];

impl SettingsDraft {
    /// The draft that changes nothing.
    pub fn of(w: &WorkspaceResponse) -> SettingsDraft {
        SettingsDraft {
            name: w.name.clone(),
            logo_url: w.logo_url.clone().unwrap_or_default(),
            colour: w.colour.clone().unwrap_or_default(),
            description: w.description.clone(),
            countries: w.countries.join(", "),
            domain: w.domain.clone().unwrap_or_default(),
        }
    }

    /// The message for a field (by API name), if its value is refused.
    pub fn error(&self, field: &str) -> Option<String> {
        fn why<T, E: std::fmt::Display>(r: Result<T, E>) -> Option<String> {
            r.err().map(|e| e.to_string())
        }
        match field {
            "name" => workspace_name_error(&self.name),
            "logo_url" => why(parse_logo_url(&self.logo_url)),
            "colour" => why(parse_colour(&self.colour)),
            "description" => why(check_description(&self.description)),
            "countries" => why(parse_country_text(&self.countries)),
            "domain" => why(parse_domain(&self.domain)),
            _ => None,
        }
    }

    /// Whether every field is acceptable.
    pub fn valid(&self) -> bool {
        FIELDS.iter().all(|f| self.error(f).is_none())
    }

    /// The `PATCH` body with the changed fields (`None` when nothing changed).
    pub fn request(&self, w: &WorkspaceResponse) -> Option<UpdateWorkspaceRequest> {
        let base = SettingsDraft::of(w);
        let changed = |a: &str, b: &str| (a.trim() != b.trim()).then(|| a.trim().to_owned());
        let countries = (parse_country_text(&self.countries).ok() != Some(w.countries.clone()))
            .then(|| parse_country_text(&self.countries).unwrap_or_default());
        let req = UpdateWorkspaceRequest {
            name: changed(&self.name, &base.name),
            logo_url: changed(&self.logo_url, &base.logo_url),
            colour: changed(&self.colour.to_ascii_lowercase(), &base.colour),
            description: (self.description != base.description).then(|| self.description.clone()),
            countries,
            domain: changed(&self.domain, &base.domain),
            region: None,
        };
        let any = req.name.is_some()
            || req.logo_url.is_some()
            || req.colour.is_some()
            || req.description.is_some()
            || req.countries.is_some()
            || req.domain.is_some();
        any.then_some(req)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ws() -> WorkspaceResponse {
        WorkspaceResponse {
            id: "w1".into(),
            name: "Acme".into(),
            region: "eu-central-1".into(),
            domain: None,
            logo_url: None,
            colour: Some("#1a73e8".into()),
            description: "# Hi".into(),
            countries: vec!["DE".into()],
            status: "active".into(),
            created_at: "2026-01-01T00:00:00Z".into(),
            role: "owner".into(),
        }
    }

    #[test]
    fn an_untouched_form_sends_nothing() {
        let d = SettingsDraft::of(&ws());
        assert!(d.valid());
        assert_eq!(d.request(&ws()), None);
        let spaced = SettingsDraft {
            countries: " de ".into(),
            colour: "#1A73E8".into(),
            ..d
        };
        assert_eq!(spaced.request(&ws()), None);
    }

    #[test]
    fn only_changed_fields_are_sent() {
        let d = SettingsDraft {
            name: " Acme Labs ".into(),
            description: "# Hello".into(),
            ..SettingsDraft::of(&ws())
        };
        let req = d.request(&ws()).unwrap();
        assert_eq!(req.name.as_deref(), Some("Acme Labs"));
        assert_eq!(req.description.as_deref(), Some("# Hello"));
        assert!(req.colour.is_none() && req.countries.is_none());
    }

    #[test]
    fn each_bad_field_has_its_message() {
        let d = SettingsDraft {
            name: "  ".into(),
            logo_url: "ftp://x".into(),
            colour: "blue".into(),
            countries: "Germany".into(),
            domain: "not a domain".into(),
            ..SettingsDraft::of(&ws())
        };
        for f in ["name", "logo_url", "colour", "countries", "domain"] {
            assert!(d.error(f).is_some(), "{f}");
        }
        assert!(!d.valid());
        let cleared = SettingsDraft {
            colour: String::new(),
            ..SettingsDraft::of(&ws())
        };
        assert_eq!(cleared.request(&ws()).unwrap().colour.as_deref(), Some(""));
    }
}
