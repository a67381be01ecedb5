//! The Markdown a workspace home page uses, parsed into blocks and inline
//! spans that the preview renders as text nodes (never as HTML, so nothing
//! typed can run). Covers headings, paragraphs, lists, quotes, code, rules,
//! `**strong**`, `*em*`, `` `code` `` and `[links](https://…)`.

/// A run of inline text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// `**strong**`.
    Strong(String),
    /// `*em*` or `_em_`.
    Em(String),
    /// `` `code` ``.
    Code(String),
    /// `[text](href)` with an http(s) or mailto address.
    Link(String, String),
}

/// A block of the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// `#`…`######` (level 1–6).
    Heading(u8, Vec<Inline>),
    /// Lines of text.
    Para(Vec<Inline>),
    /// `- item` / `* item` (false) or `1. item` (true).
    List(bool, Vec<Vec<Inline>>),
    /// `> quote`.
    Quote(Vec<Inline>),
    /// A fenced code block.
    Code(String),
    /// `---`.
    Rule,
}

fn list_item(line: &str) -> Option<(bool, &str)> {
    if let Some(rest) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
        return Some((false, rest));
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0)
        .then(|| line[digits..].strip_prefix(". "))
        .flatten()
        .map(|rest| (true, rest))
}

/// Parses a page into blocks.
pub fn parse(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut lines = text.lines();
    let flush = |para: &mut Vec<&str>, blocks: &mut Vec<Block>| {
        if !para.is_empty() {
            blocks.push(Block::Para(inline(&para.join(" "))));
            para.clear();
        }
    };
    while let Some(raw) = lines.next() {
        let line = raw.trim();
        if line.starts_with("```") {
            flush(&mut para, &mut blocks);
            let code: Vec<&str> = lines
                .by_ref()
                .take_while(|l| !l.trim().starts_with("```"))
                .collect();
            blocks.push(Block::Code(code.join("\n")));
        } else if line.is_empty() {
            flush(&mut para, &mut blocks);
        } else if line == "---" || line == "***" {
            flush(&mut para, &mut blocks);
            blocks.push(Block::Rule);
        } else if let Some(level) = heading_level(line) {
            flush(&mut para, &mut blocks);
            blocks.push(Block::Heading(level, inline(line[level as usize..].trim())));
        } else if let Some(q) = line.strip_prefix('>') {
            flush(&mut para, &mut blocks);
            match blocks.last_mut() {
                Some(Block::Quote(spans)) => {
                    spans.push(Inline::Text(" ".into()));
                    spans.extend(inline(q.trim()));
                }
                _ => blocks.push(Block::Quote(inline(q.trim()))),
            }
        } else if let Some((ordered, item)) = list_item(line) {
            flush(&mut para, &mut blocks);
            match blocks.last_mut() {
                Some(Block::List(o, items)) if *o == ordered => items.push(inline(item)),
                _ => blocks.push(Block::List(ordered, vec![inline(item)])),
            }
        } else {
            para.push(line);
        }
    }
    flush(&mut para, &mut blocks);
    blocks
}

fn heading_level(line: &str) -> Option<u8> {
    let n = line.bytes().take_while(|b| *b == b'#').count();
    ((1..=6).contains(&n) && line[n..].starts_with(' ')).then_some(n as u8)
}

/// Whether a link target is safe to follow.
fn safe_href(href: &str) -> bool {
    ["https://", "http://", "mailto:"]
        .iter()
        .any(|p| href.starts_with(p))
        && !href.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Parses inline spans; unmatched markers stay as text.
pub fn inline(text: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let found = match c {
            '`' => delimited(rest, "`").map(|(t, n)| (Inline::Code(t.to_owned()), n)),
            '*' if rest.starts_with("**") => {
                delimited(rest, "**").map(|(t, n)| (Inline::Strong(t.to_owned()), n))
            }
            '*' | '_' => {
                delimited(rest, &c.to_string()).map(|(t, n)| (Inline::Em(t.to_owned()), n))
            }
            '[' => link(rest),
            _ => None,
        };
        match found {
            Some((span, used)) => {
                if !plain.is_empty() {
                    out.push(Inline::Text(std::mem::take(&mut plain)));
                }
                out.push(span);
                rest = &rest[used..];
            }
            None => {
                plain.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    if !plain.is_empty() {
        out.push(Inline::Text(plain));
    }
    out
}

/// `mark…mark` at the start of `s`: the inner text and the bytes used.
fn delimited<'a>(s: &'a str, mark: &str) -> Option<(&'a str, usize)> {
    let body = &s[mark.len()..];
    let end = body.find(mark)?;
    (end > 0).then(|| (&body[..end], mark.len() * 2 + end))
}

fn link(s: &str) -> Option<(Inline, usize)> {
    let close = s.find("](")?;
    let end = s[close..].find(')')? + close;
    let (text, href) = (&s[1..close], &s[close + 2..end]);
    if text.is_empty() || !safe_href(href) {
        return None;
    }
    Some((Inline::Link(text.to_owned(), href.to_owned()), end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Inline::*;

    #[test]
    fn blocks_are_recognised() {
        let page = "# Welcome\n\nWe build **data** tools.\nSecond line.\n\n- one\n- two\n1. first\n\n> quoted\n---\n```\nlet x = 1;\n```";
        assert_eq!(
            parse(page),
            vec![
                Block::Heading(1, vec![Text("Welcome".into())]),
                Block::Para(vec![
                    Text("We build ".into()),
                    Strong("data".into()),
                    Text(" tools. Second line.".into())
                ]),
                Block::List(
                    false,
                    vec![vec![Text("one".into())], vec![Text("two".into())]]
                ),
                Block::List(true, vec![vec![Text("first".into())]]),
                Block::Quote(vec![Text("quoted".into())]),
                Block::Rule,
                Block::Code("let x = 1;".into()),
            ]
        );
    }

    #[test]
    fn only_web_and_mail_links_become_links() {
        assert_eq!(
            inline("see [docs](https://acme.test/docs) now"),
            vec![
                Text("see ".into()),
                Link("docs".into(), "https://acme.test/docs".into()),
                Text(" now".into())
            ]
        );
        assert_eq!(
            inline("[x](javascript:alert(1))"),
            vec![Text("[x](javascript:alert(1))".into())]
        );
    }

    #[test]
    fn unmatched_markers_and_markup_stay_text() {
        assert_eq!(inline("2 * 3 = 6"), vec![Text("2 * 3 = 6".into())]);
        assert_eq!(
            inline("<script>é</script>"),
            vec![Text("<script>é</script>".into())]
        );
        assert_eq!(
            inline("`a` _b_"),
            vec![Code("a".into()), Text(" ".into()), Em("b".into())]
        );
        assert_eq!(
            parse("#no-space"),
            vec![Block::Para(vec![Text("#no-space".into())])]
        );
        assert!(parse("").is_empty());
    }
}
