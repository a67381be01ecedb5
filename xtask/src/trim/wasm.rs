//! The WASM side of [`super::trim`]: reads a module's sections and writes
//! them back with the import and export sections rewritten, every other
//! section byte for byte.

use anyhow::{Context as _, bail, ensure};
use std::collections::BTreeMap;

/// What [`rewrite`] renamed: old name → (new name, whether an import).
pub type Renames = BTreeMap<String, (String, bool)>;

/// The module with its function imports from wasm-bindgen's glue
/// (`__wbg_…`, `__wbindgen_…`) and the exports `rename_export` picks
/// renamed by `fresh`, and the exports `drop_export` picks left out; and
/// what was renamed.
pub fn rewrite(
    wasm: &[u8],
    drop_export: impl Fn(&str) -> bool,
    rename_export: impl Fn(&str) -> bool,
    fresh: impl Fn(usize) -> String,
) -> anyhow::Result<(Vec<u8>, Renames)> {
    let head = wasm.get(..8).context("too short for a WASM module")?;
    ensure!(head.starts_with(b"\0asm"), "not a WASM module");
    let mut out = head.to_vec();
    let mut renames = Renames::new();
    let mut rename = |old: String, import: bool| -> anyhow::Result<String> {
        let new = fresh(renames.len());
        if renames.insert(old.clone(), (new.clone(), import)).is_some() {
            bail!("two imports or exports are named {old}");
        }
        Ok(new)
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
                    let desc = r.at;
                    let kind = r.import_desc()?;
                    let glued = name.starts_with("__wbg_") || name.starts_with("__wbindgen_");
                    let name = if kind == 0 && glued {
                        rename(name, true)?
                    } else {
                        name
                    };
                    push_name(&mut new, &module);
                    push_name(&mut new, &name);
                    new.extend_from_slice(&body[desc..r.at]);
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
                    let desc = r.at;
                    r.at += 1;
                    r.leb()?;
                    if drop_export(&name) {
                        continue;
                    }
                    let name = if rename_export(&name) {
                        rename(name, false)?
                    } else {
                        name
                    };
                    push_name(&mut kept, &name);
                    kept.extend_from_slice(&body[desc..r.at]);
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
        push_leb(&mut out, u32::try_from(body.len())?);
        out.extend(body);
        at = end;
    }
    Ok((out, renames))
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

    fn byte(&mut self) -> anyhow::Result<u8> {
        let b = *self.bytes.get(self.at).context("a section ends early")?;
        self.at += 1;
        Ok(b)
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

    /// Skips an import's kind and description; returns the kind (0 for a
    /// function).
    fn import_desc(&mut self) -> anyhow::Result<u8> {
        let kind = self.byte()?;
        match kind {
            // A function's type index.
            0 => {
                self.leb()?;
            }
            // A table's element type, then limits; a memory's limits.
            1 | 2 => {
                if kind == 1 {
                    self.byte()?;
                }
                let flags = self.leb()?;
                ensure!(flags < 4, "limits of a kind this build does not know");
                self.leb()?;
                if flags & 1 == 1 {
                    self.leb()?;
                }
            }
            // A global's value type (one byte for the numeric and reference
            // types wasm-bindgen uses) and mutability.
            3 => {
                self.byte()?;
                self.byte()?;
            }
            // A tag's attribute and type index.
            4 => {
                self.byte()?;
                self.leb()?;
            }
            _ => bail!("an import of unknown kind {kind}"),
        }
        Ok(kind)
    }
}

/// An unsigned 32-bit LEB128 number at `at`, and the position after it.
pub fn leb(bytes: &[u8], mut at: usize) -> anyhow::Result<(u32, usize)> {
    let mut value = 0u32;
    for shift in (0..35).step_by(7) {
        let byte = *bytes.get(at).context("a number runs past the end")?;
        at += 1;
        ensure!(shift < 28 || byte <= 0x0f, "a number longer than 32 bits");
        value |= u32::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Ok((value, at));
        }
    }
    bail!("a number longer than 32 bits")
}

pub fn push_leb(out: &mut Vec<u8>, mut value: u32) {
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

pub fn push_name(out: &mut Vec<u8>, name: &str) {
    push_leb(out, u32::try_from(name.len()).expect("a name under 4 GB"));
    out.extend_from_slice(name.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_back_at_every_length() {
        for n in [0, 1, 127, 128, 16_383, 16_384, 1 << 28, u32::MAX] {
            let mut bytes = vec![0xaa];
            push_leb(&mut bytes, n);
            bytes.push(0xbb);
            assert_eq!(leb(&bytes, 1).unwrap(), (n, bytes.len() - 1), "{n}");
        }
        // Past 32 bits, or cut short, is an error.
        assert!(leb(&[0xff, 0xff, 0xff, 0xff, 0x1f], 0).is_err());
        assert!(leb(&[0x80], 0).is_err());
    }
}
