//! `DomainName`: a company domain as claimed for verification or taken from an
//! email. Invariant: lower case, no trailing dot, RFC 1035 lengths, no mixed
//! scripts inside a label (so `gmаil.com` with a Cyrillic `а` never passes as
//! a Latin name). With feature `public-suffix` a bare public suffix is refused.

use serde::{Deserialize, Serialize};

use super::{PersonalDomains, string_value};

/// Why a domain was refused.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
pub enum DomainError {
    /// Nothing entered.
    #[error("Enter a domain such as example.com.")]
    Empty,
    /// Over 253 characters.
    #[error("This domain is too long.")]
    TooLong,
    /// No dot: `localhost`, `intranet`.
    #[error("Enter a full domain such as example.com.")]
    NotQualified,
    /// A label is empty, too long, or has characters domains cannot hold.
    #[error("This is not a valid domain name.")]
    Malformed,
    /// A label mixes alphabets, a classic look-alike trick.
    #[error("This domain mixes alphabets (for example Latin and Cyrillic letters).")]
    MixedScript,
    /// The top-level label is numeric: an IP address, not a domain.
    #[error("Enter a domain name, not an IP address.")]
    IpAddress,
    /// A public suffix such as `co.uk` that nobody can own.
    #[error("This is a public suffix; enter your organisation's own domain.")]
    PublicSuffix,
    /// A personal mail provider such as gmail.com.
    #[error(
        "Personal email domains such as this one cannot be claimed. Use your company's domain."
    )]
    PersonalDomain,
}

/// A syntactically valid, normalised domain name (Unicode or punycode).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DomainName(String);

impl DomainName {
    /// The longest domain in bytes of its written form.
    pub const MAX: usize = 253;

    /// Parses a domain as typed: trims, lower-cases, strips one trailing dot.
    ///
    /// With feature `public-suffix` also refuses a bare public suffix.
    pub fn parse(s: &str) -> Result<DomainName, DomainError> {
        let d = parse_syntax(s)?;
        #[cfg(feature = "public-suffix")]
        if is_public_suffix(&d) {
            return Err(DomainError::PublicSuffix);
        }
        Ok(DomainName(d))
    }

    /// Parses a domain a workspace may claim: also refuses personal mail domains.
    pub fn parse_claimable(s: &str, personal: &PersonalDomains) -> Result<DomainName, DomainError> {
        let d = DomainName::parse(s)?;
        if personal.contains(&d) {
            return Err(DomainError::PersonalDomain);
        }
        Ok(d)
    }

    /// The labels, left to right.
    pub fn labels(&self) -> impl Iterator<Item = &str> {
        self.0.split('.')
    }

    pub(crate) fn from_checked(d: String) -> DomainName {
        DomainName(d)
    }
}
string_value!(DomainName, DomainError);

/// Syntax checks only (what the browser can afford); returns the normal form.
pub(crate) fn parse_syntax(s: &str) -> Result<String, DomainError> {
    if s.len() > 4 * DomainName::MAX {
        return Err(DomainError::TooLong);
    }
    let t = s.trim();
    let t = t.strip_suffix('.').unwrap_or(t);
    if t.is_empty() {
        return Err(DomainError::Empty);
    }
    let d: String = t.chars().flat_map(char::to_lowercase).collect();
    if d.len() > DomainName::MAX {
        return Err(DomainError::TooLong);
    }
    if !d.contains('.') {
        return Err(DomainError::NotQualified);
    }
    for label in d.split('.') {
        check_label(label)?;
    }
    let tld = d.rsplit('.').next().unwrap_or_default();
    if tld.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DomainError::IpAddress);
    }
    Ok(d)
}

fn check_label(label: &str) -> Result<(), DomainError> {
    let chars = label.chars().count();
    if chars == 0 || chars > 63 || label.starts_with('-') || label.ends_with('-') {
        return Err(DomainError::Malformed);
    }
    if label.is_ascii() {
        let ok = label
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        // `ab--` in positions 3–4 is reserved for IDNA (`xn--`).
        let reserved = label.len() >= 4 && &label[2..4] == "--" && !label.starts_with("xn--");
        if !ok || reserved || (label.starts_with("xn--") && label.len() == 4) {
            return Err(DomainError::Malformed);
        }
        return Ok(());
    }
    if !label.chars().all(|c| c == '-' || c.is_alphanumeric()) {
        return Err(DomainError::Malformed);
    }
    let mut scripts = label.chars().filter_map(script);
    if let Some(first) = scripts.next()
        && scripts.any(|s| s != first)
    {
        return Err(DomainError::MixedScript);
    }
    Ok(())
}

#[derive(PartialEq, Clone, Copy)]
enum Script {
    Latin,
    Greek,
    Cyrillic,
    Other,
}

/// The confusable scripts we tell apart; digits and hyphens have none.
fn script(c: char) -> Option<Script> {
    match c {
        '0'..='9' | '-' => None,
        'a'..='z' | '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' => Some(Script::Latin),
        '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}' => Some(Script::Greek),
        '\u{0400}'..='\u{052F}' => Some(Script::Cyrillic),
        _ => Some(Script::Other),
    }
}

#[cfg(feature = "public-suffix")]
fn is_public_suffix(d: &str) -> bool {
    use psl::Psl;
    match psl::List.suffix(d.as_bytes()) {
        Some(suffix) => suffix.is_known() && suffix.as_bytes() == d.as_bytes(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_are_normalised_and_checked() {
        let long_label = format!("{}.com", "a".repeat(64));
        let long_total = format!("{}com", "abcdefghi.".repeat(26));
        let huge = "a.".repeat(5_000);
        let cases: &[(&str, Result<&str, DomainError>)] = &[
            ("Example.COM", Ok("example.com")),
            ("  acme.io.  ", Ok("acme.io")),
            ("sub.acme.co.uk", Ok("sub.acme.co.uk")),
            ("xn--mnchen-3ya.de", Ok("xn--mnchen-3ya.de")),
            ("MÜNCHEN.de", Ok("münchen.de")),
            ("пример.рф", Ok("пример.рф")),
            ("", Err(DomainError::Empty)),
            (".", Err(DomainError::Empty)),
            ("localhost", Err(DomainError::NotQualified)),
            ("acme..com", Err(DomainError::Malformed)),
            (".acme.com", Err(DomainError::Malformed)),
            ("-acme.com", Err(DomainError::Malformed)),
            ("acme-.com", Err(DomainError::Malformed)),
            ("ac me.com", Err(DomainError::Malformed)),
            ("acme.com/x", Err(DomainError::Malformed)),
            ("ab--cd.com", Err(DomainError::Malformed)),
            ("xn--.com", Err(DomainError::Malformed)),
            ("acme.com..", Err(DomainError::Malformed)),
            ("192.168.0.1", Err(DomainError::IpAddress)),
            ("gm\u{0430}il.com", Err(DomainError::MixedScript)),
            ("p\u{0430}ypal.com", Err(DomainError::MixedScript)),
            (&long_label, Err(DomainError::Malformed)),
            (&long_total, Err(DomainError::TooLong)),
            (&huge, Err(DomainError::TooLong)),
        ];
        for (input, want) in cases {
            let got = parse_syntax(input);
            assert_eq!(got.as_deref(), want.as_ref().map(|s| *s), "{input:?}");
        }
    }

    #[test]
    fn personal_domains_cannot_be_claimed() {
        let personal = PersonalDomains::default();
        assert_eq!(
            DomainName::parse_claimable("GMAIL.com.", &personal),
            Err(DomainError::PersonalDomain)
        );
        assert!(DomainName::parse_claimable("acme.com", &personal).is_ok());
    }

    #[cfg(feature = "public-suffix")]
    #[test]
    fn bare_public_suffixes_are_refused() {
        for d in ["co.uk", "com.au", "github.io"] {
            assert_eq!(DomainName::parse(d), Err(DomainError::PublicSuffix), "{d}");
        }
        for d in ["acme.co.uk", "acme.github.io", "example.com"] {
            assert!(DomainName::parse(d).is_ok(), "{d}");
        }
    }

    #[test]
    fn serde_applies_the_same_checks() {
        assert!(serde_json::from_str::<DomainName>("\"localhost\"").is_err());
        let d: DomainName = serde_json::from_str("\"Acme.COM\"").unwrap();
        assert_eq!(d.as_str(), "acme.com");
        assert_eq!(d.labels().collect::<Vec<_>>(), ["acme", "com"]);
    }
}
