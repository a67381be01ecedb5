//! `Email` and the personal-mail-domain list. Invariant: an `Email` is
//! trimmed, lower case and has a qualified domain, so two spellings of one
//! address compare equal (duplicate detection in invitation batches).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::domain::parse_syntax;
use super::{DomainError, DomainName, string_value};

/// Why an email address was refused.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
pub enum EmailError {
    /// Nothing entered.
    #[error("Enter an email address.")]
    Empty,
    /// Over 254 characters.
    #[error("This email address is too long.")]
    TooLong,
    /// No `@`, or more than one.
    #[error("Enter an email address like name@company.com.")]
    MissingAt,
    /// Spaces, control or invisible characters.
    #[error("Email addresses cannot contain spaces or invisible characters.")]
    InvalidCharacters,
    /// The part before `@` is empty, too long or malformed.
    #[error("The part before the @ is not valid.")]
    InvalidLocalPart,
    /// The domain is not a valid, qualified domain.
    #[error("The domain of this email address is not valid.")]
    InvalidDomain(DomainError),
}

/// A syntactically valid, normalised email address.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// The longest address, in bytes.
    pub const MAX: usize = 254;

    /// Parses an address as typed: trims and lower-cases it.
    ///
    /// The local part is ASCII only (no quoted strings); the domain may be an
    /// internationalised name but may not mix scripts.
    pub fn parse(s: &str) -> Result<Email, EmailError> {
        if s.len() > 4 * Email::MAX {
            return Err(EmailError::TooLong);
        }
        let t = s.trim();
        if t.is_empty() {
            return Err(EmailError::Empty);
        }
        if t.chars()
            .any(|c| c.is_whitespace() || c.is_control() || super::is_invisible(c))
        {
            return Err(EmailError::InvalidCharacters);
        }
        let (local, domain) = match t.split_once('@') {
            Some((l, d)) if !d.contains('@') => (l, d),
            _ => return Err(EmailError::MissingAt),
        };
        check_local(local)?;
        let domain = parse_syntax(domain).map_err(EmailError::InvalidDomain)?;
        let email = format!("{}@{}", local.to_ascii_lowercase(), domain);
        if email.len() > Email::MAX {
            return Err(EmailError::TooLong);
        }
        Ok(Email(email))
    }

    /// The domain part (after the `@`).
    pub fn domain(&self) -> DomainName {
        DomainName::from_checked(self.domain_str().to_owned())
    }

    fn domain_str(&self) -> &str {
        self.0.rsplit_once('@').map(|(_, d)| d).unwrap_or_default()
    }

    /// The part before the `@`.
    pub fn local(&self) -> &str {
        self.0.split_once('@').map(|(l, _)| l).unwrap_or_default()
    }

    /// Whether the address is at a personal mail provider.
    pub fn is_personal(&self, personal: &PersonalDomains) -> bool {
        personal.contains_str(self.domain_str())
    }
}
string_value!(Email, EmailError);

fn check_local(local: &str) -> Result<(), EmailError> {
    let allowed = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+/=?^_`{|}~.-".contains(&b);
    let ok = (1..=64).contains(&local.len())
        && local.bytes().all(allowed)
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..");
    if ok {
        Ok(())
    } else {
        Err(EmailError::InvalidLocalPart)
    }
}

/// Personal mail domains, refused for invitations and domain claims.
/// Configurable by the deployment; [`Default`] is a sensible list.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct PersonalDomains(BTreeSet<String>);

const DEFAULT_PERSONAL: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "hotmail.com",
    "hotmail.co.uk",
    "outlook.com",
    "live.com",
    "msn.com",
    "yahoo.com",
    "yahoo.co.uk",
    "ymail.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "pm.me",
    "gmx.com",
    "gmx.de",
    "gmx.net",
    "web.de",
    "mail.com",
    "yandex.com",
    "yandex.ru",
    "mail.ru",
    "zoho.com",
    "tutanota.com",
    "fastmail.com",
    "hey.com",
    "qq.com",
    "163.com",
    "126.com",
];

impl Default for PersonalDomains {
    fn default() -> Self {
        PersonalDomains(DEFAULT_PERSONAL.iter().map(|d| (*d).to_owned()).collect())
    }
}

impl PersonalDomains {
    /// A configured list (entries are normalised like any domain; invalid ones are skipped).
    pub fn new<'a>(domains: impl IntoIterator<Item = &'a str>) -> PersonalDomains {
        PersonalDomains(
            domains
                .into_iter()
                .filter_map(|d| parse_syntax(d).ok())
                .collect(),
        )
    }

    /// Whether `domain` is on the list.
    pub fn contains(&self, domain: &DomainName) -> bool {
        self.contains_str(domain.as_str())
    }

    fn contains_str(&self, domain: &str) -> bool {
        self.0.contains(domain)
    }

    /// The listed domains, sorted.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        let long = format!("{}@acme.com", "a".repeat(10_000));
        let long_local = format!("{}@acme.com", "a".repeat(65));
        let too_long = format!("a@{}com", "b.".repeat(125));
        let cases: &[(&str, Result<&str, EmailError>)] = &[
            ("Ada@Acme.COM", Ok("ada@acme.com")),
            (
                "  ada.lovelace+roster@acme.io  ",
                Ok("ada.lovelace+roster@acme.io"),
            ),
            ("ada@acme.com.", Ok("ada@acme.com")),
            ("ada@münchen.de", Ok("ada@münchen.de")),
            ("", Err(EmailError::Empty)),
            ("   ", Err(EmailError::Empty)),
            ("ada", Err(EmailError::MissingAt)),
            ("ada@@acme.com", Err(EmailError::MissingAt)),
            ("a@b@acme.com", Err(EmailError::MissingAt)),
            ("ada lovelace@acme.com", Err(EmailError::InvalidCharacters)),
            ("ada@acme.com\n", Ok("ada@acme.com")),
            ("ada\u{0}@acme.com", Err(EmailError::InvalidCharacters)),
            ("ad\u{200B}a@acme.com", Err(EmailError::InvalidCharacters)),
            ("@acme.com", Err(EmailError::InvalidLocalPart)),
            (".ada@acme.com", Err(EmailError::InvalidLocalPart)),
            ("a..da@acme.com", Err(EmailError::InvalidLocalPart)),
            ("\"ada\"@acme.com", Err(EmailError::InvalidLocalPart)),
            ("ädä@acme.com", Err(EmailError::InvalidLocalPart)),
            (&long_local, Err(EmailError::InvalidLocalPart)),
            (
                "user@localhost",
                Err(EmailError::InvalidDomain(DomainError::NotQualified)),
            ),
            ("ada@", Err(EmailError::InvalidDomain(DomainError::Empty))),
            (
                "ada@[127.0.0.1]",
                Err(EmailError::InvalidDomain(DomainError::Malformed)),
            ),
            (
                "ada@10.0.0.1",
                Err(EmailError::InvalidDomain(DomainError::IpAddress)),
            ),
            (
                "ada@gm\u{0430}il.com",
                Err(EmailError::InvalidDomain(DomainError::MixedScript)),
            ),
            (&long, Err(EmailError::TooLong)),
            (&too_long, Err(EmailError::TooLong)),
        ];
        for (input, want) in cases {
            let got = Email::parse(input).map(String::from);
            assert_eq!(got, want.clone().map(str::to_owned), "{input:?}");
        }
    }

    #[test]
    fn personal_domains_are_recognised_exactly() {
        let personal = PersonalDomains::default();
        let cases = [
            ("ada@gmail.com", true),
            ("ADA@GMAIL.COM", true),
            ("ada@proton.me", true),
            ("ada@acme.com", false),
            ("ada@gmail.com.acme.io", false),
            ("ada@mail.gmail.co", false),
        ];
        for (email, want) in cases {
            assert_eq!(
                Email::parse(email).unwrap().is_personal(&personal),
                want,
                "{email}"
            );
        }
        let custom = PersonalDomains::new(["Example.ORG", "not a domain"]);
        assert!(Email::parse("a@example.org").unwrap().is_personal(&custom));
        assert_eq!(custom.iter().count(), 1);
    }

    #[test]
    fn parts_and_serde() {
        let e: Email = serde_json::from_str("\"Ada@Acme.com\"").unwrap();
        assert_eq!((e.local(), e.domain().as_str()), ("ada", "acme.com"));
        assert!(serde_json::from_str::<Email>("\"nope\"").is_err());
    }
}
