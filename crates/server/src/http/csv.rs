//! RFC 4180 CSV rows for exports, safe to open in a spreadsheet.

/// Appends one CSV record (CRLF-terminated) to `out`.
///
/// Fields holding a comma, quote or line break are quoted with inner quotes
/// doubled. A field that a spreadsheet would run as a formula (starting with
/// `=`, `+`, `-`, `@`, tab or carriage return) gets a leading `'`, so an
/// exported user agent or name can never execute in the reader's spreadsheet.
pub fn push_record<'a>(out: &mut String, fields: impl IntoIterator<Item = &'a str>) {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let guarded = field.starts_with(['=', '+', '-', '@', '\t', '\r']);
        let quoted = guarded || field.contains([',', '"', '\n', '\r']);
        if quoted {
            out.push('"');
        }
        if guarded {
            out.push('\'');
        }
        for c in field.chars() {
            if c == '"' {
                out.push('"');
            }
            out.push(c);
        }
        if quoted {
            out.push('"');
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::push_record;

    fn record(fields: &[&str]) -> String {
        let mut out = String::new();
        push_record(&mut out, fields.iter().copied());
        out
    }

    #[test]
    fn plain_fields_are_left_alone() {
        assert_eq!(record(&["a", "b c", ""]), "a,b c,\r\n");
    }

    #[test]
    fn separators_quotes_and_line_breaks_are_quoted() {
        assert_eq!(record(&["a,b"]), "\"a,b\"\r\n");
        assert_eq!(record(&["say \"hi\""]), "\"say \"\"hi\"\"\"\r\n");
        assert_eq!(record(&["two\nlines"]), "\"two\nlines\"\r\n");
    }

    #[test]
    fn formulas_are_defused() {
        assert_eq!(
            record(&["=HYPERLINK(\"x\")"]),
            "\"'=HYPERLINK(\"\"x\"\")\"\r\n"
        );
        assert_eq!(
            record(&["+1", "-2", "@SUM"]),
            "\"'+1\",\"'-2\",\"'@SUM\"\r\n"
        );
    }
}
