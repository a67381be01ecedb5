//! Builds the web app with trunk into `dist/`, then makes it smaller,
//! CSP-clean and cheap to serve: wasm-bindgen's output is trimmed
//! (`trim.rs`) and its glue minified (terser), both are named after their
//! final bytes, trunk's inline loader script moves to a file, the
//! stylesheets become one (`styles.rs`), and every text asset gets a gzip
//! twin (Zopfli-encoded). Skips the build when nothing it reads changed.

use crate::proc::{cmd, run};
use anyhow::{Context as _, bail};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// What the web build reads; a change to any of them rebuilds `dist/`.
const INPUTS: &[&str] = &[
    "src",
    "style",
    "index.html",
    "Trunk.toml",
    "Cargo.toml",
    "Cargo.lock",
    "package-lock.json",
    "crates/model",
    "crates/api",
    ".cargo/config.toml",
    "xtask/src/web.rs",
    "xtask/src/trim.rs",
    "xtask/src/trim",
    "xtask/src/styles.rs",
];

const STAMP: &str = ".roster-build";

/// Builds `dist/` in release unless it is newer than all its inputs.
pub fn build_release(force: bool) -> anyhow::Result<()> {
    let root = crate::root();
    let dist = root.join("dist");
    if !force && up_to_date(&root, &dist) {
        println!("==> web app is up to date (dist/)");
        return Ok(());
    }
    println!("==> building the web app in release (about 2 min from clean, 15 s after a change)");
    let trunk = || {
        let mut c = cmd("trunk");
        c.args(["build", "--release"]);
        c
    };
    let took = match crate::tools::size_toolchain() {
        Some(toolchain) => {
            // The standard library rebuilt with immediate-abort panics and
            // its `optimize_for_size` code (smaller sorts and formatting:
            // 2.6 KB gzip), and LLVM told to inline only what shrinks the
            // code (2.2 KB). RUSTFLAGS replaces `.cargo/config.toml`'s, so it
            // repeats `erase_components`; with `--target` set it reaches only
            // the WASM, not build scripts.
            let mut c = trunk();
            c.env("RUSTUP_TOOLCHAIN", toolchain)
                .env("CARGO_UNSTABLE_BUILD_STD", "std,panic_abort")
                .env("CARGO_UNSTABLE_BUILD_STD_FEATURES", "optimize_for_size")
                .env(
                    "RUSTFLAGS",
                    "--cfg erase_components -Zunstable-options -Cpanic=immediate-abort \
                     -Cllvm-args=-inline-threshold=0",
                );
            match run(c) {
                Ok(took) => took,
                Err(e) => {
                    // A nightly may lack immediate-abort or std's
                    // `optimize_for_size` (setting the std features also drops
                    // the default ones, unwinding among them, which an
                    // aborting build never uses): stable builds it too.
                    println!("    the nightly build failed ({e:#}); building with stable");
                    run(trunk()).context("trunk build --release")?
                }
            }
        }
        None => run(trunk()).context("trunk build --release")?,
    };
    // What trunk wrote, whose integrity hashes index.html holds until the
    // files are final.
    let trunk_glue = std::fs::read(roster_file(&dist, ".js")?)?;
    let trunk_wasm = std::fs::read(roster_file(&dist, "_bg.wasm")?)?;
    let page = std::fs::read_to_string(root.join("index.html"))?;
    crate::trim::trim(&dist, &wasm_opt_args(&page)?)?;
    minify_glue(&dist)?;
    name_by_content(&dist)?;
    final_integrity(&dist, &trunk_glue, &trunk_wasm)?;
    externalise_loader(&dist)?;
    crate::styles::bundle(&dist)?;
    gzip_assets(&dist)?;
    std::fs::write(dist.join(STAMP), b"")?;
    println!("    built in {}", crate::proc::human(took));
    Ok(())
}

fn newest(path: &Path) -> Option<SystemTime> {
    let meta = std::fs::metadata(path).ok()?;
    if meta.is_dir() {
        std::fs::read_dir(path)
            .ok()?
            .filter_map(Result::ok)
            .filter(|e| e.file_name() != "target")
            .filter_map(|e| newest(&e.path()))
            .max()
    } else {
        meta.modified().ok()
    }
}

fn up_to_date(root: &Path, dist: &Path) -> bool {
    let Some(built) = std::fs::metadata(dist.join(STAMP))
        .and_then(|m| m.modified())
        .ok()
    else {
        return false;
    };
    INPUTS
        .iter()
        .filter_map(|p| newest(&root.join(p)))
        .all(|t| t <= built)
}

/// Moves trunk's inline `<script type="module">` loader into `dist/boot-*.js`
/// so the CSP needs no inline script at all.
pub fn externalise_loader(dist: &Path) -> anyhow::Result<()> {
    let index = dist.join("index.html");
    let html = std::fs::read_to_string(&index).context("reading dist/index.html")?;
    let Some((start, end, body)) = find_inline_module(&html) else {
        bail!("dist/index.html has no inline loader script: did trunk's output change?");
    };
    let name = format!("boot-{:016x}.js", fnv1a(body.as_bytes()));
    std::fs::write(dist.join(&name), body)?;
    let tag = format!("<script type=\"module\" src=\"/{name}\"></script>");
    let html = format!("{}{}{}", &html[..start], tag, &html[end..]);
    if find_inline_module(&html).is_some() {
        bail!("dist/index.html has more than one inline script");
    }
    std::fs::write(&index, html)?;
    Ok(())
}

/// Minifies the wasm-bindgen glue with terser (trunk's own minifier cannot
/// parse it and copies it as is).
fn minify_glue(dist: &Path) -> anyhow::Result<()> {
    let glue = roster_file(dist, ".js")?;
    let terser = crate::root().join("node_modules/.bin/terser");
    let mut c = cmd(&terser.display().to_string());
    c.arg(&glue)
        .args(["--module", "--compress", "passes=2", "--mangle", "--output"])
        .arg(&glue);
    run(c).context("terser (cargo xtask installs it with npm ci)")?;
    Ok(())
}

/// Gives index.html the glue's and the WASM's Subresource Integrity hashes
/// for their final bytes, in place of those of trunk's output (once, after
/// the trim, terser and the renaming have all changed the files).
fn final_integrity(dist: &Path, trunk_glue: &[u8], trunk_wasm: &[u8]) -> anyhow::Result<()> {
    let index = dist.join("index.html");
    let html = std::fs::read_to_string(&index)?;
    let glue = std::fs::read(roster_file(dist, ".js")?)?;
    let wasm = std::fs::read(roster_file(dist, "_bg.wasm")?)?;
    let html = swap_integrity(&html, trunk_glue, &glue)?;
    let html = swap_integrity(&html, trunk_wasm, &wasm)?;
    std::fs::write(&index, html)?;
    Ok(())
}

/// Names the glue and the WASM after their final bytes. trunk named them
/// after its own output, which the trim and terser then changed: the server
/// lets browsers keep these files for good, so one name must never stand
/// for two contents (a cached copy would fail the new integrity hash).
fn name_by_content(dist: &Path) -> anyhow::Result<()> {
    let glue = roster_file(dist, ".js")?;
    let wasm = roster_file(dist, "_bg.wasm")?;
    let old = glue
        .file_stem()
        .and_then(|s| s.to_str())
        .context("the glue's name")?
        .to_owned();
    let mut bytes = std::fs::read(&glue)?;
    bytes.extend(std::fs::read(&wasm)?);
    let new = format!("roster-web-{:016x}", fnv1a(&bytes));
    let index = dist.join("index.html");
    let html = std::fs::read_to_string(&index)?;
    if html.matches(&old).count() < 2 {
        bail!("dist/index.html does not name {old}.js and its WASM: did trunk's output change?");
    }
    std::fs::rename(&glue, dist.join(format!("{new}.js")))?;
    std::fs::rename(&wasm, dist.join(format!("{new}_bg.wasm")))?;
    std::fs::write(&index, html.replace(&old, &new))?;
    Ok(())
}

/// The file trunk wrote as `roster-web-<hash><suffix>` in `dist/`.
pub fn roster_file(dist: &Path, suffix: &str) -> anyhow::Result<PathBuf> {
    std::fs::read_dir(dist)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("roster-web-") && n.ends_with(suffix))
        })
        .with_context(|| format!("dist/ has no roster-web-*{suffix}: did trunk's output change?"))
}

/// wasm-opt's arguments as trunk takes them from `index.html`'s
/// `data-wasm-opt` (the level) and `data-wasm-opt-params`.
fn wasm_opt_args(html: &str) -> anyhow::Result<Vec<String>> {
    let attr = |name: &str| {
        let start = html.find(&format!("{name}=\""))? + name.len() + 2;
        let len = html[start..].find('"')?;
        Some(html[start..start + len].to_owned())
    };
    let level = attr("data-wasm-opt").context("index.html sets no data-wasm-opt")?;
    let mut args = vec![format!("-O{level}")];
    if let Some(params) = attr("data-wasm-opt-params") {
        args.extend(params.split_whitespace().map(str::to_owned));
    }
    Ok(args)
}

/// `html` with the integrity hash of `before` replaced by that of `after`.
fn swap_integrity(html: &str, before: &[u8], after: &[u8]) -> anyhow::Result<String> {
    let old = sri(before);
    if !html.contains(&old) {
        bail!("dist/index.html has no integrity {old}: did trunk's output change?");
    }
    Ok(html.replace(&old, &sri(after)))
}

/// A Subresource Integrity value (`sha384-…`), as trunk writes them.
pub fn sri(bytes: &[u8]) -> String {
    use base64::Engine as _;
    use sha2::Digest as _;
    let digest = sha2::Sha384::digest(bytes);
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// (start of `<script`, end after `</script>`, the script's text) of the
/// first `<script …>` without a `src`.
fn find_inline_module(html: &str) -> Option<(usize, usize, String)> {
    let mut from = 0;
    while let Some(rel) = html[from..].find("<script") {
        let start = from + rel;
        let open_end = start + html[start..].find('>')? + 1;
        let close = open_end + html[open_end..].find("</script>")?;
        let end = close + "</script>".len();
        if !html[start..open_end].contains("src=") {
            return Some((start, end, html[open_end..close].trim().to_owned()));
        }
        from = end;
    }
    None
}

pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Writes `<file>.gz` beside every wasm, js, css and html file.
pub fn gzip_assets(dist: &Path) -> anyhow::Result<()> {
    for path in assets(dist)? {
        let raw = std::fs::read(&path)?;
        let gz = gzip(&raw)?;
        let mut out = path.clone().into_os_string();
        out.push(".gz");
        std::fs::write(PathBuf::from(out), gz)?;
    }
    Ok(())
}

/// The wasm, js, css and html files of `dist/`.
pub fn assets(dist: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dist)
        .with_context(|| format!("reading {}", dist.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("wasm" | "js" | "css" | "html")
            )
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Gzip as the server sends it to browsers: Zopfli's encoder, whose
/// output any gzip decoder reads and which is about 5 % smaller than
/// `gzip -9` (slower to write, which a build does once).
pub fn gzip(raw: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    zopfli::compress(
        zopfli::Options::default(),
        zopfli::Format::Gzip,
        raw,
        &mut out,
    )?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integrity_is_sha384_in_base64_and_swapped_for_the_minified_glue() {
        // sha384 of the empty string, as `openssl dgst -sha384 -binary | base64` says.
        let empty = "sha384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb";
        assert_eq!(sri(b""), empty);
        let html = format!("<link href=/g.js integrity={empty} rel=modulepreload>");
        let swapped = swap_integrity(&html, b"", b"x").unwrap();
        assert_eq!(
            swapped,
            format!(
                "<link href=/g.js integrity={} rel=modulepreload>",
                sri(b"x")
            )
        );
        assert!(
            swap_integrity(&html, b"y", b"x").is_err(),
            "an unknown hash is an error"
        );
    }

    #[test]
    fn wasm_opt_takes_trunks_level_and_parameters() {
        let html =
            r#"<link data-trunk rel="rust" data-wasm-opt="z" data-wasm-opt-params="--a  --b=1" />"#;
        assert_eq!(wasm_opt_args(html).unwrap(), ["-Oz", "--a", "--b=1"]);
        let bare = r#"<link data-trunk rel="rust" data-wasm-opt="s" />"#;
        assert_eq!(wasm_opt_args(bare).unwrap(), ["-Os"]);
        assert!(wasm_opt_args("<link data-trunk rel=\"rust\" />").is_err());
    }

    #[test]
    fn the_glue_and_wasm_are_named_after_their_bytes() {
        let dist = std::env::temp_dir().join(format!("roster-name-{}", std::process::id()));
        std::fs::create_dir_all(&dist).unwrap();
        let old = "roster-web-0123456789abcdef";
        std::fs::write(dist.join(format!("{old}.js")), "glue").unwrap();
        std::fs::write(dist.join(format!("{old}_bg.wasm")), "wasm").unwrap();
        let html = format!("<link href=/{old}.js><link href=/{old}_bg.wasm>");
        std::fs::write(dist.join("index.html"), &html).unwrap();
        name_by_content(&dist).unwrap();
        let new = format!("roster-web-{:016x}", fnv1a(b"gluewasm"));
        let html = std::fs::read_to_string(dist.join("index.html")).unwrap();
        assert_eq!(
            html,
            format!("<link href=/{new}.js><link href=/{new}_bg.wasm>")
        );
        assert_eq!(
            std::fs::read(dist.join(format!("{new}.js"))).unwrap(),
            b"glue"
        );
        assert_eq!(
            std::fs::read(dist.join(format!("{new}_bg.wasm"))).unwrap(),
            b"wasm"
        );
        std::fs::remove_dir_all(&dist).unwrap();
    }

    #[test]
    fn the_inline_loader_moves_to_a_file() {
        let dir = std::env::temp_dir().join(format!("roster-xtask-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("index.html"),
            "<head><script src=\"/a.js\"></script><script type=\"module\">import init from '/x.js';\nawait init();</script></head>",
        )
        .unwrap();
        externalise_loader(&dir).unwrap();
        let html = std::fs::read_to_string(dir.join("index.html")).unwrap();
        assert!(find_inline_module(&html).is_none(), "{html}");
        let boot = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(Result::ok)
            .find(|e| e.file_name().to_string_lossy().starts_with("boot-"))
            .unwrap();
        assert!(
            std::fs::read_to_string(boot.path())
                .unwrap()
                .contains("await init()")
        );
        assert!(
            externalise_loader(&dir).is_err(),
            "a second pass finds no inline loader"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
