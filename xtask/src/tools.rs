//! Installs what this machine lacks, idempotently: the wasm32 target, trunk,
//! wasm-bindgen-cli at the version Cargo.lock pins, binaryen 132 from npm, and
//! for tests Chromium with its driver and PostgreSQL. Nothing is downloaded
//! outside the package registries.

use crate::proc::{cmd, output, run};
use anyhow::{Context as _, bail};
use std::path::Path;
use std::time::Instant;

/// trunk 0.22 needs a newer rustc than this machine's.
pub const TRUNK_VERSION: &str = "0.21.14";

/// Everything `cargo xtask run` needs.
pub fn ensure_build_tools() -> anyhow::Result<()> {
    ensure_wasm_target()?;
    ensure_trunk()?;
    let wb = lock_version("wasm-bindgen")?;
    ensure_wasm_bindgen_cli(&wb)?;
    check_trunk_toml(&wb)?;
    ensure_npm_tools()?;
    Ok(())
}

/// The toolchain that builds the smallest WASM: nightly, whose `build-std`
/// rebuilds the standard library with panics that abort at once (no panic
/// messages or formatting in the binary: about 17 KB gzip less). `None` when
/// this machine has no nightly; the build then uses stable, only bigger.
pub fn size_toolchain() -> Option<&'static str> {
    const NIGHTLY: &str = "nightly";
    let list = output({
        let mut c = cmd("rustup");
        c.args(["toolchain", "list"]);
        c
    })?;
    if !list.lines().any(|l| l.starts_with(NIGHTLY)) {
        println!(
            "    (no nightly toolchain: the web app is built with stable, about 22 KB gzip bigger)"
        );
        return None;
    }
    let has = |kind: &str, name: &str| {
        output({
            let mut c = cmd("rustup");
            c.args([kind, "list", "--installed", "--toolchain", NIGHTLY]);
            c
        })
        .is_some_and(|o| o.lines().any(|l| l.trim().starts_with(name)))
    };
    for (kind, name) in [
        ("component", "rust-src"),
        ("target", "wasm32-unknown-unknown"),
    ] {
        if has(kind, name) {
            continue;
        }
        let t = announce(
            &format!("adding {name} to the nightly toolchain"),
            "seconds",
        );
        let mut c = cmd("rustup");
        c.args([kind, "add", name, "--toolchain", NIGHTLY]);
        if let Err(e) = run(c) {
            println!("    could not add {name} ({e:#}): building with stable instead");
            return None;
        }
        println!("    done in {}", crate::proc::human(t.elapsed()));
    }
    Some(NIGHTLY)
}

fn announce(what: &str, usually: &str) -> Instant {
    println!("==> {what} (first time on this machine; usually {usually})");
    Instant::now()
}

fn ensure_wasm_target() -> anyhow::Result<()> {
    let installed = output({
        let mut c = cmd("rustup");
        c.args(["target", "list", "--installed"]);
        c
    })
    .unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    let t = announce("adding the wasm32-unknown-unknown target", "seconds");
    let mut c = cmd("rustup");
    c.args(["target", "add", "wasm32-unknown-unknown"]);
    run(c).context("rustup target add wasm32-unknown-unknown")?;
    println!("    done in {}", crate::proc::human(t.elapsed()));
    Ok(())
}

fn installed_version(program: &str) -> Option<String> {
    let mut c = cmd(program);
    c.arg("--version");
    output(c).and_then(|s| s.split_whitespace().nth(1).map(str::to_owned))
}

fn ensure_trunk() -> anyhow::Result<()> {
    if installed_version("trunk").as_deref() == Some(TRUNK_VERSION) {
        return Ok(());
    }
    let t = announce(
        &format!("installing trunk {TRUNK_VERSION} from crates.io"),
        "8 minutes on 2 cores",
    );
    let mut c = cmd("cargo");
    c.args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"]);
    run(c).context("installing trunk")?;
    println!("    done in {}", crate::proc::human(t.elapsed()));
    Ok(())
}

fn ensure_wasm_bindgen_cli(version: &str) -> anyhow::Result<()> {
    if installed_version("wasm-bindgen").as_deref() == Some(version) {
        return Ok(());
    }
    let t = announce(
        &format!("installing wasm-bindgen-cli {version} from crates.io"),
        "2-3 minutes",
    );
    // Not --locked: its lockfile names a webpki-roots the registry lacks.
    let mut c = cmd("cargo");
    c.args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        version,
        "--force",
    ]);
    run(c).context("installing wasm-bindgen-cli")?;
    println!("    done in {}", crate::proc::human(t.elapsed()));
    match installed_version("wasm-bindgen") {
        Some(v) if v == version => Ok(()),
        other => bail!("wasm-bindgen-cli is {other:?} after installing {version}"),
    }
}

/// The version of `package` that Cargo.lock pins.
pub fn lock_version(package: &str) -> anyhow::Result<String> {
    let lock =
        std::fs::read_to_string(crate::root().join("Cargo.lock")).context("reading Cargo.lock")?;
    let needle = format!("name = \"{package}\"\nversion = \"");
    if lock.matches(&needle).count() > 1 {
        bail!("Cargo.lock holds more than one {package}: the tools can match only one");
    }
    let start = lock
        .find(&needle)
        .with_context(|| format!("{package} is not in Cargo.lock"))?
        + needle.len();
    let end = lock[start..].find('"').context("malformed Cargo.lock")? + start;
    Ok(lock[start..end].to_owned())
}

fn check_trunk_toml(wasm_bindgen: &str) -> anyhow::Result<()> {
    let toml =
        std::fs::read_to_string(crate::root().join("Trunk.toml")).context("reading Trunk.toml")?;
    let expected = format!("wasm_bindgen = \"{wasm_bindgen}\"");
    if !toml.contains(&expected) {
        bail!(
            "Trunk.toml's [tools] must say `{expected}` (Cargo.lock's wasm-bindgen) \
             or trunk will try to download another version"
        );
    }
    Ok(())
}

fn ensure_npm_tools() -> anyhow::Result<()> {
    let root = crate::root();
    let wasm_opt = root.join("node_modules/.bin/wasm-opt");
    // axe-core (the browser tests' accessibility audit) and terser (which
    // minifies the wasm-bindgen glue) come from the same `npm ci`.
    let axe = root.join("node_modules/axe-core/axe.min.js");
    let terser = root.join("node_modules/.bin/terser");
    let ok = axe.exists() && terser.exists() && wasm_opt.exists() && {
        let mut c = cmd(&wasm_opt.display().to_string());
        c.arg("--version");
        output(c).is_some_and(|v| v.contains("version 132"))
    };
    if ok {
        return Ok(());
    }
    if !on_path("npm") {
        apt_install(&["npm"])?;
    }
    let t = announce(
        "installing binaryen 132 (wasm-opt), terser and axe-core from the npm registry",
        "10 seconds",
    );
    let mut c = cmd("npm");
    c.args(["ci", "--no-audit", "--no-fund"]);
    run(c).context("npm ci")?;
    println!("    done in {}", crate::proc::human(t.elapsed()));
    Ok(())
}

/// Chromium and its WebDriver, for the browser tests.
pub fn ensure_browser() -> anyhow::Result<()> {
    if Path::new("/usr/bin/chromium").exists() && Path::new("/usr/bin/chromedriver").exists() {
        return Ok(());
    }
    apt_install(&["chromium", "chromium-driver"])
}

/// PostgreSQL's server binaries, for the second database run.
pub fn ensure_postgres() -> anyhow::Result<()> {
    if crate::postgres::bin_dir().is_some() {
        return Ok(());
    }
    apt_install(&["postgresql"])
}

/// Schemathesis in a virtual environment under `target/py`, from PyPI;
/// returns the path of its `st` command.
pub fn ensure_schemathesis() -> anyhow::Result<std::path::PathBuf> {
    let version = crate::fuzz::SCHEMATHESIS_VERSION;
    let venv = crate::root().join("target/py");
    let st = venv.join("bin/st");
    let installed = {
        let mut c = cmd(&st.display().to_string());
        c.arg("--version");
        output(c)
    };
    if installed.is_some_and(|v| v.ends_with(version)) {
        return Ok(st);
    }
    let t = announce(
        &format!("installing schemathesis {version} from PyPI into target/py"),
        "a minute",
    );
    let venv_created = |venv: &Path| {
        let mut c = cmd("python3");
        c.args(["-m", "venv", "--clear"]).arg(venv);
        run(c)
    };
    if venv_created(&venv).is_err() {
        // Debian splits ensurepip out of python3.
        apt_install(&["python3-venv"])?;
        venv_created(&venv).context("python3 -m venv target/py")?;
    }
    let mut pip = cmd(&venv.join("bin/pip").display().to_string());
    pip.args(["install", "--quiet", "--disable-pip-version-check"])
        .arg(format!("schemathesis=={version}"));
    run(pip).context("pip install schemathesis")?;
    println!("    done in {}", crate::proc::human(t.elapsed()));
    Ok(st)
}

/// Whether `program` is on PATH.
fn on_path(program: &str) -> bool {
    let mut c = cmd("sh");
    c.args(["-c", &format!("command -v {program}")]);
    output(c).is_some_and(|s| !s.is_empty())
}

/// Installs Debian packages (as root), or says which command to run.
pub fn apt_install(packages: &[&str]) -> anyhow::Result<()> {
    let list = packages.join(" ");
    let mut id = cmd("id");
    id.arg("-u");
    if output(id).as_deref() != Some("0") {
        bail!("missing {list}: install it with `sudo apt-get install -y {list}` and run again");
    }
    let t = announce(
        &format!("installing {list} from Debian's packages"),
        "30 seconds",
    );
    let mut update = cmd("apt-get");
    update.args(["update", "-q"]);
    run(update).context("apt-get update")?;
    let mut install = cmd("apt-get");
    install
        .args(["install", "-y", "-q"])
        .args(packages)
        .env("DEBIAN_FRONTEND", "noninteractive");
    run(install).with_context(|| format!("apt-get install {list}"))?;
    println!("    done in {}", crate::proc::human(t.elapsed()));
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn cargo_lock_pins_the_wasm_bindgen_that_trunk_toml_names() {
        let v = super::lock_version("wasm-bindgen").unwrap();
        super::check_trunk_toml(&v).unwrap();
        let manifest = std::fs::read_to_string(crate::root().join("Cargo.toml")).unwrap();
        assert!(
            manifest.contains(&format!("wasm-bindgen = \"={v}\"")),
            "Cargo.toml must pin wasm-bindgen ={v}"
        );
    }
}
