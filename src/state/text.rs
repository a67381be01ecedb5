//! Small text helpers for display: initials, a stable colour class, dates.

/// Up to two initials from a name (or the email when the name is empty).
pub fn initials(name: &str, email: &str) -> String {
    let source = if name.trim().is_empty() { email } else { name };
    let mut out: String = source
        .split(|c: char| c.is_whitespace() || c == '.' || c == '@' || c == '-')
        .filter(|w| !w.is_empty())
        .take(2)
        .filter_map(|w| w.chars().next())
        .collect();
    if out.is_empty() {
        out.push('?');
    }
    upper(&out)
}

// Unicode case mapping: in the browser the platform's tables do it (the same
// Unicode mapping as `str::to_uppercase` / `to_lowercase`); Rust's own would
// add about 15 KB of tables and code to the WASM.

/// Unicode upper case.
pub fn upper(s: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::JsString::from(s).to_upper_case().into()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        s.to_uppercase()
    }
}

/// Unicode lower case.
pub fn lower(s: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::JsString::from(s).to_lower_case().into()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        s.to_lowercase()
    }
}

/// One of eight colour classes (`tint-0`…`tint-7`), stable for an id.
pub fn tint(id: &str) -> String {
    let h = id.bytes().fold(2166136261u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(16777619)
    });
    format!("tint-{}", h % 8)
}

/// Text colour that reads on a `#rrggbb` background: near-black on light
/// colours, white on dark ones (by perceived brightness; no floats).
pub fn ink_on(hex: &str) -> &'static str {
    let v = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0);
    let brightness = ((v >> 16) & 0xff) * 299 + ((v >> 8) & 0xff) * 587 + (v & 0xff) * 114;
    if brightness >= 150_000 {
        "#111"
    } else {
        "#fff"
    }
}

/// "Jan 2, 2026" from an RFC 3339 time (the input itself when unreadable).
pub fn short_date(rfc3339: &str) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let date = rfc3339.get(..10).unwrap_or_default();
    let mut parts = date.split('-').map(str::parse::<usize>);
    match (parts.next(), parts.next(), parts.next()) {
        (Some(Ok(y)), Some(Ok(m)), Some(Ok(d))) if (1..=12).contains(&m) => {
            format!("{} {d}, {y}", MONTHS[m - 1])
        }
        _ => rfc3339.to_owned(),
    }
}

/// "Jan 2, 2026 · 14:05 UTC" from an RFC 3339 time in UTC.
pub fn date_time(rfc3339: &str) -> String {
    match rfc3339
        .get(11..16)
        .filter(|t| t.as_bytes().get(2) == Some(&b':'))
    {
        Some(hm) => format!("{} \u{b7} {hm} UTC", short_date(rfc3339)),
        None => short_date(rfc3339),
    }
}

/// At most `max` characters, with "…" when cut.
pub fn clip(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}\u{2026}", &s[..i]),
        None => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_clipped_text_read_well() {
        assert_eq!(
            date_time("2026-11-23T14:05:09Z"),
            "Nov 23, 2026 \u{b7} 14:05 UTC"
        );
        assert_eq!(date_time("2026-11-23"), "Nov 23, 2026");
        assert_eq!(clip("héllo", 3), "hél\u{2026}");
        assert_eq!(clip("hé", 3), "hé");
    }

    #[test]
    fn ink_is_dark_on_light_colours_and_white_on_dark_ones() {
        assert_eq!(ink_on("#ffff00"), "#111");
        assert_eq!(ink_on("#ffffff"), "#111");
        assert_eq!(ink_on("#1a73e8"), "#fff");
        assert_eq!(ink_on("#0f766e"), "#fff");
        assert_eq!(ink_on("#000000"), "#fff");
    }

    #[test]
    fn initials_come_from_the_name_or_the_email() {
        assert_eq!(initials("Ada Lovelace", ""), "AL");
        assert_eq!(initials("  ", "grace.hopper@navy.mil"), "GH");
        assert_eq!(initials("", ""), "?");
        assert_eq!(initials("émile", ""), "É");
    }

    #[test]
    fn tints_are_stable_and_bounded() {
        assert_eq!(tint("abc"), tint("abc"));
        for id in ["a", "b", "c", "workspace-1"] {
            let t = tint(id);
            let n: u32 = t.trim_start_matches("tint-").parse().unwrap();
            assert!(n < 8);
        }
    }

    #[test]
    fn dates_are_short_and_readable() {
        assert_eq!(short_date("2026-01-02T03:04:05Z"), "Jan 2, 2026");
        assert_eq!(short_date("2026-11-30"), "Nov 30, 2026");
        assert_eq!(short_date("soon"), "soon");
    }
}
