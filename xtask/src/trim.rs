//! Trims wasm-bindgen's output in `dist/` before the glue is minified, by
//! rewriting the names that tie the WASM to its glue:
//! - leptos 0.8 always enables server_fn's `browser` feature, whose
//!   wasm-streams classes (`IntoUnderlyingSource`, `…Sink`, `…ByteSource`)
//!   are exported; the console never makes one, but an export is never dead
//!   code. Their exports leave the WASM and their classes the glue, and
//!   wasm-opt runs again so the code behind them goes too.
//! - Every import is named `__wbg_<method>_<16 hex digits>` and five exports
//!   carry 250-character mangled names: each name is written in the WASM
//!   and again in the glue, and the hex digits do not compress. They become
//!   `$a`, `$b`, … in both.
//!
//! Measured on the release build (gzip -9): 279.4 → 271.6 KB for WASM and
//! glue together, of which the classes 1.8 KB and the names 6.1 KB.

use crate::proc::{cmd, run};
use anyhow::{Context as _, bail, ensure};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The wasm-streams classes' glue names; their exports start with the
/// lower-cased name (or `__wbg_` and it).
const CLASSES: [&str; 3] = [
    "IntoUnderlyingByteSource",
    "IntoUnderlyingSink",
    "IntoUnderlyingSource",
];

/// An export name at least this long is renamed (imports always are).
const LONG_EXPORT: usize = 40;

/// Trims `dist/`'s WASM and glue, runs wasm-opt on the WASM as trunk did
/// (`index.html`'s `data-wasm-opt` settings) and gives `dist/index.html`
/// both files' new integrity hashes.
pub fn trim(dist: &Path, wasm_opt_args: &[String]) -> anyhow::Result<()> {
    let wasm_path = crate::web::roster_file(dist, "_bg.wasm")?;
    let glue_path = crate::web::roster_file(dist, ".js")?;
    let wasm = std::fs::read(&wasm_path)?;
    let glue = std::fs::read_to_string(&glue_path)?;
    let named = identifiers(&glue);
    let (trimmed, renames) = rewrite(&wasm, |name| named.contains(name))?;
    let new_glue = rename_in_glue(&drop_classes(&glue)?, &renames)?;
    std::fs::write(&wasm_path, trimmed)?;
    let wasm_opt = crate::root().join("node_modules/.bin/wasm-opt");
    let mut c = cmd(&wasm_opt.display().to_string());
    c.arg(&wasm_path)
        .args(wasm_opt_args)
        .arg("-o")
        .arg(&wasm_path);
    run(c).context("wasm-opt (cargo xtask installs it with npm ci)")?;
    std::fs::write(&glue_path, &new_glue)?;
    let index = dist.join("index.html");
    let html = std::fs::read_to_string(&index)?;
    let html = crate::web::swap_integrity(&html, &wasm, &std::fs::read(&wasm_path)?)?;
    let html = crate::web::swap_integrity(&html, glue.as_bytes(), new_glue.as_bytes())?;
    std::fs::write(&index, html)?;
    Ok(())
}

/// The WASM without the stream classes' exports, its imports and the long
/// exports the glue names (`in_glue`) renamed; and the renames (old name →
/// new).
fn rewrite(
    wasm: &[u8],
    in_glue: impl Fn(&str) -> bool,
) -> anyhow::Result<(Vec<u8>, BTreeMap<String, String>)> {
    ensure!(wasm.starts_with(b"\0asm"), "not a WASM module");
    let mut out = wasm[..8].to_vec();
    let mut renames = BTreeMap::new();
    let mut next = 0usize;
    let mut fresh = |old: &str, renames: &mut BTreeMap<String, String>| {
        let new = short_name(next);
        next += 1;
        renames.insert(old.to_owned(), new.clone());
        new
    };
    let mut at = 8;
    while at < wasm.len() {
        let id = wasm[at];
        let (len, start) = leb(wasm, at + 1)?;
        let end = start + len as usize;
        let body = wasm
            .get(start..end)
            .context("a section runs past the end")?;
        let body = match id {
            // Imports: module, name, then the kind and its description.
            2 => {
                let mut r = Reader { bytes: body, at: 0 };
                let count = r.leb()?;
                let mut new = Vec::new();
                push_leb(&mut new, count);
                for _ in 0..count {
                    let module = r.name()?;
                    let name = r.name()?;
                    let desc_start = r.at;
                    r.import_desc()?;
                    push_name(&mut new, &module);
                    push_name(&mut new, &fresh(&name, &mut renames));
                    new.extend_from_slice(&body[desc_start..r.at]);
                }
                new
            }
            // Exports: name, kind, index.
            7 => {
                let mut r = Reader { bytes: body, at: 0 };
                let count = r.leb()?;
                let mut kept = Vec::new();
                let mut n = 0;
                for _ in 0..count {
                    let name = r.name()?;
                    let desc_start = r.at;
                    r.at += 1;
                    r.leb()?;
                    if is_stream_export(&name) {
                        continue;
                    }
                    let name = if name.len() >= LONG_EXPORT && in_glue(&name) {
                        fresh(&name, &mut renames)
                    } else {
                        name
                    };
                    push_name(&mut kept, &name);
                    kept.extend_from_slice(&body[desc_start..r.at]);
                    n += 1;
                }
                let mut new = Vec::new();
                push_leb(&mut new, n);
                new.extend(kept);
                new
            }
            _ => body.to_vec(),
        };
        out.push(id);
        push_leb(&mut out, body.len() as u32);
        out.extend(body);
        at = end;
    }
    Ok((out, renames))
}

fn is_stream_export(name: &str) -> bool {
    let name = name.strip_prefix("__wbg_").unwrap_or(name);
    CLASSES
        .iter()
        .any(|c| name.starts_with(&c.to_ascii_lowercase()))
}

/// `$a`, `$b`, … `$Z`, `$aa`, `$ab`, …: wasm-bindgen's glue has no such
/// identifier (and [`rename_in_glue`] makes sure).
fn short_name(mut n: usize) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut name = Vec::new();
    loop {
        name.push(LETTERS[n % LETTERS.len()]);
        n /= LETTERS.len();
        if n == 0 {
            break;
        }
        n -= 1;
    }
    name.push(b'$');
    name.reverse();
    String::from_utf8(name).expect("ASCII letters")
}

/// The glue without the stream classes: each class, the line giving it
/// `Symbol.dispose`, and its `FinalizationRegistry`.
fn drop_classes(glue: &str) -> anyhow::Result<String> {
    let mut glue = glue.to_owned();
    for class in CLASSES {
        let start = glue
            .find(&format!("export class {class} {{"))
            .with_context(|| format!("the glue has no class {class}: did wasm-bindgen change?"))?;
        let dispose = format!("if (Symbol.dispose) {class}.prototype[Symbol.dispose]");
        let end = glue[start..]
            .find(&dispose)
            .and_then(|d| glue[start + d..].find('\n').map(|n| start + d + n + 1))
            .with_context(|| format!("the glue's {class} has no dispose line"))?;
        glue.replace_range(start..end, "");
        let registry = format!("const {class}Finalization = ");
        let start = glue
            .find(&registry)
            .with_context(|| format!("the glue has no {class}Finalization"))?;
        let end = glue[start..]
            .find(";\n")
            .map(|e| start + e + 2)
            .with_context(|| format!("{class}Finalization does not end"))?;
        glue.replace_range(start..end, "");
    }
    if glue.to_ascii_lowercase().contains("intounderlying") {
        bail!("the glue still mentions a stream class after trimming");
    }
    Ok(glue)
}

/// The glue's identifiers (and words of any other kind: numbers, words in
/// strings), each whole.
fn identifiers(glue: &str) -> BTreeSet<&str> {
    words(glue)
        .filter_map(|(word, is_word)| is_word.then_some(word))
        .collect()
}

/// `text` in pieces: runs of identifier characters (`true`) and the text
/// between them (`false`).
fn words(text: &str) -> impl Iterator<Item = (&str, bool)> {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    let mut rest = text;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let len = rest
            .find(|c: char| is_ident(c) != is_ident(first))
            .unwrap_or(rest.len());
        let (piece, tail) = rest.split_at(len);
        rest = tail;
        Some((piece, is_ident(first)))
    })
}

/// The glue with every renamed import and export under its new name: each
/// old name only where it stands as a whole identifier. Fails when the glue
/// lacks an old name or already has a new one.
fn rename_in_glue(glue: &str, renames: &BTreeMap<String, String>) -> anyhow::Result<String> {
    let named = identifiers(glue);
    if let Some(old) = renames.keys().find(|old| !named.contains(old.as_str())) {
        bail!("the glue never names {old}: did wasm-bindgen change?");
    }
    if let Some(new) = renames.values().find(|new| named.contains(new.as_str())) {
        bail!("the glue already has an identifier {new}");
    }
    Ok(words(glue)
        .map(|(piece, is_word)| match renames.get(piece) {
            Some(new) if is_word => new.as_str(),
            _ => piece,
        })
        .collect())
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn leb(&mut self) -> anyhow::Result<u32> {
        let (v, at) = leb(self.bytes, self.at)?;
        self.at = at;
        Ok(v)
    }

    fn name(&mut self) -> anyhow::Result<String> {
        let len = self.leb()? as usize;
        let bytes = self
            .bytes
            .get(self.at..self.at + len)
            .context("a name runs past its section")?;
        self.at += len;
        Ok(String::from_utf8(bytes.to_vec())?)
    }

    /// Skips an import's kind and description.
    fn import_desc(&mut self) -> anyhow::Result<()> {
        let kind = *self
            .bytes
            .get(self.at)
            .context("an import without a kind")?;
        self.at += 1;
        match kind {
            // A function's type index; a tag's attribute and type index.
            0 => {
                self.leb()?;
            }
            4 => {
                self.at += 1;
                self.leb()?;
            }
            // A table's element type, then limits; a memory's limits.
            1 | 2 => {
                if kind == 1 {
                    self.at += 1;
                }
                let flags = self.leb()?;
                self.leb()?;
                if flags & 1 == 1 {
                    self.leb()?;
                }
            }
            // A global's value type and mutability.
            3 => self.at += 2,
            _ => bail!("an import of unknown kind {kind}"),
        }
        Ok(())
    }
}

/// An unsigned LEB128 number at `at`, and the position after it.
fn leb(bytes: &[u8], mut at: usize) -> anyhow::Result<(u32, usize)> {
    let mut value = 0u32;
    for shift in (0..35).step_by(7) {
        let byte = *bytes.get(at).context("a number runs past the end")?;
        at += 1;
        value |= u32::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Ok((value, at));
        }
    }
    bail!("a number longer than 32 bits")
}

fn push_leb(out: &mut Vec<u8>, mut value: u32) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn push_name(out: &mut Vec<u8>, name: &str) {
    push_leb(out, name.len() as u32);
    out.extend_from_slice(name.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module importing two functions and exporting a stream method, a
    /// long-named function and the memory.
    fn module() -> Vec<u8> {
        let mut m = b"\0asm\x01\0\0\0".to_vec();
        // Type section: one type, () -> ().
        m.extend([1, 4, 1, 0x60, 0, 0]);
        let mut imports = Vec::new();
        push_leb(&mut imports, 2);
        for name in [
            "__wbg_append_0123456789abcdef",
            "__wbg_remove_fedcba9876543210",
        ] {
            push_name(&mut imports, "./roster-web_bg.js");
            push_name(&mut imports, name);
            imports.extend([0, 0]);
        }
        m.push(2);
        push_leb(&mut m, imports.len() as u32);
        m.extend(imports);
        let mut exports = Vec::new();
        push_leb(&mut exports, 3);
        let long = "x".repeat(LONG_EXPORT);
        for (name, kind) in [
            ("intounderlyingsink_write", 0),
            (long.as_str(), 0),
            ("memory", 2),
        ] {
            push_name(&mut exports, name);
            exports.extend([kind, 0]);
        }
        m.push(7);
        push_leb(&mut m, exports.len() as u32);
        m.extend(exports);
        m
    }

    #[test]
    fn imports_and_long_exports_are_renamed_and_stream_exports_dropped() {
        let (wasm, renames) = rewrite(&module(), |_| true).unwrap();
        let names: Vec<&str> = renames.values().map(String::as_str).collect();
        assert_eq!(names.len(), 3, "{renames:?}");
        assert_eq!(renames["__wbg_append_0123456789abcdef"], "$a");
        assert_eq!(renames[&"x".repeat(LONG_EXPORT)], "$c");
        // The rewritten module reads back: imports a and b, exports c and
        // memory, and nothing of the stream class.
        let (again, more) = rewrite(&wasm, |_| true).unwrap();
        assert_eq!(
            more.len(),
            2,
            "only the imports are renamed again: {more:?}"
        );
        let text = String::from_utf8_lossy(&again);
        assert!(text.contains("memory") && !text.contains("intounderlying"));
        assert!(!text.contains("0123456789abcdef"));
        // A long export the glue never names keeps its name.
        let (_, renames) = rewrite(&module(), |name| name.starts_with("__wbg")).unwrap();
        assert_eq!(renames.len(), 2, "{renames:?}");
    }

    #[test]
    fn the_glue_loses_the_classes_and_takes_whole_names_only() {
        let mut glue = String::new();
        for c in CLASSES {
            glue.push_str(&format!(
                "export class {c} {{\n    free() {{ wasm.__wbg_{}_free(1); }}\n}}\n\
                 if (Symbol.dispose) {c}.prototype[Symbol.dispose] = {c}.prototype.free;\n",
                c.to_ascii_lowercase()
            ));
        }
        for c in CLASSES {
            glue.push_str(&format!(
                "const {c}Finalization = (typeof FinalizationRegistry === 'undefined')\n    ? {{}}\n    : new FinalizationRegistry(ptr => wasm.x(ptr));\n"
            ));
        }
        glue.push_str("const imports = { __wbg_append_1: function(a) {}, __wbg_append_12: 1 };\nwasm.__wbg_append_1x();\n");
        let glue = drop_classes(&glue).unwrap();
        assert!(
            !glue.contains("class") && !glue.contains("Finalization"),
            "{glue}"
        );
        let renames = BTreeMap::from([("__wbg_append_1".to_owned(), "$a".to_owned())]);
        let renamed = rename_in_glue(&glue, &renames).unwrap();
        assert!(
            renamed.contains("{ $a: function(a) {}, __wbg_append_12: 1 }"),
            "{renamed}"
        );
        assert!(renamed.contains("wasm.__wbg_append_1x()"), "{renamed}");
        // A name the glue lacks, or a new name it already has, is an error
        // rather than a glue that no longer fits its WASM.
        let missing = BTreeMap::from([("__wbg_gone".to_owned(), "$b".to_owned())]);
        assert!(rename_in_glue(&glue, &missing).is_err());
        let taken = BTreeMap::from([("__wbg_append_1".to_owned(), "a".to_owned())]);
        assert!(rename_in_glue(&glue, &taken).is_err());
    }

    #[test]
    fn short_names_are_distinct() {
        let names: std::collections::HashSet<String> = (0..3000).map(short_name).collect();
        assert_eq!(names.len(), 3000);
        assert_eq!(short_name(0), "$a");
        assert_eq!(short_name(52), "$aa");
    }
}
