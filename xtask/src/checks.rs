//! Repository-wide checks run as tests: every module says what it is for,
//! the browser app never depends on server-only crates, and it keeps to the
//! forms that hold its WASM under budget.

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.filter_map(Result::ok) {
            let path = e.path();
            let name = e.file_name();
            if path.is_dir() {
                if name != "target" && name != "node_modules" && name != "dist" && name != ".git" {
                    rust_files(&path, out);
                }
            } else if path.extension().is_some_and(|x| x == "rs") {
                out.push(path);
            }
        }
    }

    #[test]
    fn every_module_opens_with_a_doc_line() {
        let root = crate::root();
        let mut files = Vec::new();
        for dir in ["src", "tests", "crates", "xtask"] {
            rust_files(&root.join(dir), &mut files);
        }
        assert!(files.len() > 10, "found only {} files", files.len());
        let missing: Vec<String> = files
            .iter()
            .filter(|f| {
                let text = std::fs::read_to_string(f).unwrap_or_default();
                !text.lines().take(5).any(|l| l.starts_with("//!"))
            })
            .map(|f| f.strip_prefix(&root).unwrap_or(f).display().to_string())
            .collect();
        assert!(
            missing.is_empty(),
            "modules without a `//!` header: {missing:#?}"
        );
    }

    #[test]
    fn the_web_app_keeps_to_its_lean_forms() {
        // Each of these compiles its own copy of leptos code per use; the
        // lean forms share one (the console's budget is 250 KB gzip).
        let lean = [
            ("<Show", "components::show_if / show_if_else"),
            ("Effect::new(move |_|", "reactive::effect"),
        ];
        let root = crate::root();
        let mut files = Vec::new();
        rust_files(&root.join("src"), &mut files);
        assert!(files.len() > 10, "found only {} files", files.len());
        let mut found = Vec::new();
        // The lean forms' own homes use what they stand in for.
        let homes = ["src/reactive.rs", "src/components/show_if.rs"].map(|h| root.join(h));
        for f in files.iter().filter(|f| !homes.contains(f)) {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            for (no, line) in text.lines().enumerate() {
                let code = line.trim_start();
                if code.starts_with("//") {
                    continue;
                }
                for (form, instead) in lean {
                    if code.contains(form) {
                        let at = f.strip_prefix(&root).unwrap_or(f).display();
                        found.push(format!("{at}:{}: `{form}`: use {instead}", no + 1));
                    }
                }
            }
        }
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn the_web_app_depends_on_no_server_crate() {
        let out = std::process::Command::new(env!("CARGO"))
            .current_dir(crate::root())
            .args([
                "tree",
                "-p",
                "roster-web",
                "-e",
                "normal",
                "--target",
                "wasm32-unknown-unknown",
                "--prefix",
                "none",
                "--format",
                "{p}",
            ])
            .output()
            .expect("cargo tree");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let tree = String::from_utf8_lossy(&out.stdout);
        assert!(tree.contains("leptos"), "unexpected tree: {tree}");
        let crates: Vec<&str> = tree
            .lines()
            .filter_map(|l| l.split_whitespace().next())
            .collect();
        // serde-wasm-bindgen is not a server crate, but the app writes its
        // JSON itself (`api/json/write.rs`) for less WASM.
        for banned in [
            "tokio",
            "sqlx",
            "sqlx-core",
            "axum",
            "hyper",
            "psl",
            "serde-wasm-bindgen",
        ] {
            assert!(
                !crates.contains(&banned),
                "roster-web's WASM dependency tree contains `{banned}`"
            );
        }
    }
}
