//! Trims wasm-bindgen's output in `dist/` before the glue is minified, by
//! rewriting the names that tie the WASM to its glue:
//! - leptos 0.8 always enables server_fn's `browser` feature, whose
//!   wasm-streams classes (`IntoUnderlyingSource`, `…Sink`, `…ByteSource`)
//!   are exported; the console never makes one, but an export is never dead
//!   code. Their exports leave the WASM and their classes the glue, and
//!   wasm-opt runs again, dropping the code only those exports reached (the
//!   WASM 4 KB smaller; what the rest of leptos reaches stays).
//! - The glue's function imports are named `__wbg_<method>_<16 hex digits>`
//!   (and a few `__wbindgen_…`), and five exports carry mangled names of 72
//!   to 334 characters: each name is written in the WASM and again in the
//!   glue, and the hex digits do not compress. They become `$a`, `$b`, … in
//!   both.
//!
//! Measured on the release build: the WASM and glue under `gzip -9`, 279.4 →
//! 271.6 KB (the classes 1.8 KB, the names 6.1 KB); the whole console as
//! shipped (Zopfli), 273.3 → 266.5 KB.

use crate::proc::{cmd, run};
use anyhow::{Context as _, bail};
use std::collections::BTreeMap;
use std::path::Path;
use wasm::Renames;

mod wasm;

/// The wasm-streams classes' glue names; their exports start with the
/// lower-cased name (or `__wbg_` and it).
const CLASSES: [&str; 3] = [
    "IntoUnderlyingByteSource",
    "IntoUnderlyingSink",
    "IntoUnderlyingSource",
];

/// An export name at least this long is renamed (the glue's function
/// imports always are).
const LONG_EXPORT: usize = 40;

/// Trims `dist/`'s WASM and glue and runs wasm-opt on the WASM as trunk did
/// (`index.html`'s `data-wasm-opt` settings); the build gives index.html
/// the final integrity hashes once all its steps are done.
pub fn trim(dist: &Path, wasm_opt_args: &[String]) -> anyhow::Result<()> {
    let wasm_path = crate::web::roster_file(dist, "_bg.wasm")?;
    let glue_path = crate::web::roster_file(dist, ".js")?;
    let wasm = std::fs::read(&wasm_path)?;
    let glue = std::fs::read_to_string(&glue_path)?;
    let named = word_counts(&glue);
    let (trimmed, renames) = wasm::rewrite(
        &wasm,
        is_stream_export,
        |name| name.len() >= LONG_EXPORT && named.contains_key(name),
        short_name,
    )?;
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
    Ok(())
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

/// How often each of the glue's identifiers occurs (and words of any other
/// kind: numbers, words in strings), each whole.
fn word_counts(glue: &str) -> BTreeMap<&str, usize> {
    let mut counts = BTreeMap::new();
    for (word, _) in words(glue).filter(|(_, is_word)| *is_word) {
        *counts.entry(word).or_default() += 1;
    }
    counts
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
/// old name only where it stands as a whole word. Fails unless each import
/// is named exactly once (its key among the glue's imports) and each export
/// at least once, or when the glue already has a new name.
fn rename_in_glue(glue: &str, renames: &Renames) -> anyhow::Result<String> {
    let uses = word_counts(glue);
    for (old, (new, import)) in renames {
        let n = uses.get(old.as_str()).copied().unwrap_or(0);
        if n == 0 || (*import && n != 1) {
            bail!("the glue names {old} {n} times: did wasm-bindgen change?");
        }
        if uses.contains_key(new.as_str()) {
            bail!("the glue already has an identifier {new}");
        }
    }
    Ok(words(glue)
        .map(|(piece, is_word)| match renames.get(piece) {
            Some((new, _)) if is_word => new.as_str(),
            _ => piece,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::wasm::{push_leb, push_name, rewrite};
    use super::*;

    fn section(m: &mut Vec<u8>, id: u8, body: Vec<u8>) {
        m.push(id);
        push_leb(m, u32::try_from(body.len()).unwrap());
        m.extend(body);
    }

    /// A module importing two glue functions, a memory with a maximum and
    /// a function of another module, and exporting a stream method, a
    /// long-named function and the memory; its import section runs past
    /// 127 bytes (a two-byte length).
    fn module() -> Vec<u8> {
        let mut m = b"\0asm\x01\0\0\0".to_vec();
        // Type section: one type, () -> ().
        section(&mut m, 1, vec![1, 0x60, 0, 0]);
        let mut imports = Vec::new();
        push_leb(&mut imports, 5);
        for name in [
            "__wbg_append_0123456789abcdef",
            "__wbg_remove_fedcba9876543210",
            "__wbindgen_init_externref_table",
        ] {
            push_name(&mut imports, "./roster-web_bg.js");
            push_name(&mut imports, name);
            imports.extend([0, 0]);
        }
        push_name(&mut imports, "env");
        push_name(&mut imports, "memory");
        imports.extend([2, 1, 17, 0x80, 0x80, 0x04]);
        push_name(&mut imports, "env");
        push_name(&mut imports, "plain");
        imports.extend([0, 0]);
        assert!(imports.len() > 127);
        section(&mut m, 2, imports);
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
        section(&mut m, 7, exports);
        // A custom section, kept as it is.
        section(&mut m, 0, b"\x04noteabc".to_vec());
        m
    }

    fn trimmed(wasm: &[u8], rename_export: impl Fn(&str) -> bool) -> (Vec<u8>, Renames) {
        rewrite(wasm, is_stream_export, rename_export, short_name).unwrap()
    }

    #[test]
    fn glue_imports_and_long_exports_are_renamed_and_stream_exports_dropped() {
        let long = "x".repeat(LONG_EXPORT);
        let (wasm, renames) = trimmed(&module(), |name| name.len() >= LONG_EXPORT);
        let new: Vec<(&str, bool)> = renames.values().map(|(n, i)| (n.as_str(), *i)).collect();
        assert_eq!(new.len(), 4, "{renames:?}");
        assert_eq!(
            renames["__wbg_append_0123456789abcdef"],
            ("$a".to_owned(), true)
        );
        assert_eq!(
            renames["__wbindgen_init_externref_table"],
            ("$c".to_owned(), true)
        );
        assert_eq!(renames[&long], ("$d".to_owned(), false));
        // The rewritten module reads back: the memory and the other
        // module's function keep their names, nothing of the stream class is
        // left, and the custom section is still there.
        let (again, more) = trimmed(&wasm, |_| false);
        assert!(more.is_empty(), "nothing left to rename: {more:?}");
        assert_eq!(again, wasm);
        let text = String::from_utf8_lossy(&wasm);
        for kept in ["memory", "plain", "noteabc", "$a", "$d"] {
            assert!(text.contains(kept), "{kept}");
        }
        for gone in ["intounderlying", "0123456789abcdef", long.as_str()] {
            assert!(!text.contains(gone), "{gone}");
        }
        // A long export the glue never names keeps its name.
        let (_, renames) = trimmed(&module(), |_| false);
        assert_eq!(renames.len(), 3, "{renames:?}");
        // Two imports of one name would give the glue one key for two.
        let mut twice = module();
        let at = twice.windows(6).position(|w| w == b"remove").unwrap();
        twice[at..at + 6].copy_from_slice(b"append");
        let at = twice
            .windows(16)
            .position(|w| w == b"fedcba9876543210")
            .unwrap();
        twice[at..at + 16].copy_from_slice(b"0123456789abcdef");
        assert!(rewrite(&twice, is_stream_export, |_| false, short_name).is_err());
        assert!(rewrite(b"\0asm", is_stream_export, |_| false, short_name).is_err());
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
                "const {c}Finalization = (typeof FinalizationRegistry === 'undefined')\n    \
                 ? {{}}\n    : new FinalizationRegistry(ptr => wasm.x(ptr));\n"
            ));
        }
        glue.push_str(
            "const imports = { __wbg_append_1: function(a) {}, __wbg_append_12: 1 };\n\
             wasm.__wbg_append_1x(); wasm.long_1(); function long_1() {}\n",
        );
        let glue = drop_classes(&glue).unwrap();
        assert!(
            !glue.contains("class") && !glue.contains("Finalization"),
            "{glue}"
        );
        let rename = |pairs: &[(&str, &str, bool)]| -> Renames {
            pairs
                .iter()
                .map(|(old, new, import)| ((*old).to_owned(), ((*new).to_owned(), *import)))
                .collect()
        };
        let renames = rename(&[("__wbg_append_1", "$a", true), ("long_1", "$b", false)]);
        let renamed = rename_in_glue(&glue, &renames).unwrap();
        assert!(
            renamed.contains("{ $a: function(a) {}, __wbg_append_12: 1 }"),
            "{renamed}"
        );
        assert!(
            renamed.contains("wasm.__wbg_append_1x(); wasm.$b(); function $b()"),
            "{renamed}"
        );
        // A name the glue lacks, an import it names twice, or a new name it
        // already has, is an error rather than a glue that no longer fits
        // its WASM.
        for bad in [
            rename(&[("__wbg_gone", "$b", true)]),
            rename(&[("long_1", "$b", true)]),
            rename(&[("__wbg_append_1", "a", true)]),
        ] {
            assert!(rename_in_glue(&glue, &bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn short_names_are_distinct() {
        let names: std::collections::HashSet<String> = (0..3000).map(short_name).collect();
        assert_eq!(names.len(), 3000);
        assert_eq!(short_name(0), "$a");
        assert_eq!(short_name(52), "$aa");
    }
}
