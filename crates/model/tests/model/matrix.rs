//! The role × action matrix for the built-in roles, rendered as text and
//! compared with `tests/snapshots/role_matrix.txt`, so every policy change is
//! a visible diff. `ROSTER_UPDATE_SNAPSHOTS=1` rewrites the snapshot.

use std::fmt::Write as _;
use std::path::PathBuf;

use roster_model::*;

use super::fixtures::member;

mod requests;
use requests::requests;

const COLUMNS: [BuiltinRole; 4] = [
    BuiltinRole::Owner,
    BuiltinRole::Admin,
    BuiltinRole::Editor,
    BuiltinRole::Viewer,
];

fn render_table(header: &str, rows: Vec<(String, Vec<String>)>) -> String {
    let width = rows
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0)
        .max(header.len());
    let mut cells = vec![0usize; COLUMNS.len()];
    for (i, c) in COLUMNS.iter().enumerate() {
        cells[i] = rows
            .iter()
            .map(|(_, cs)| cs[i].len())
            .max()
            .unwrap_or(0)
            .max(c.key().len());
    }
    let mut out = String::new();
    let _ = write!(out, "{header:<width$}");
    for (i, c) in COLUMNS.iter().enumerate() {
        let _ = write!(out, " | {:<w$}", c.key(), w = cells[i]);
    }
    out.push('\n');
    let _ = writeln!(
        out,
        "{}",
        "-".repeat(width + cells.iter().map(|w| w + 3).sum::<usize>())
    );
    for (label, cs) in rows {
        let _ = write!(out, "{label:<width$}");
        for (i, c) in cs.iter().enumerate() {
            let _ = write!(out, " | {c:<w$}", w = cells[i]);
        }
        out.push('\n');
    }
    out.lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// The whole snapshot text: permissions per role, then decisions per action.
pub fn render() -> String {
    let perm_rows = Permission::ALL
        .iter()
        .map(|p| {
            let cs = COLUMNS
                .iter()
                .map(|r| {
                    if builtin_permissions(*r).contains(*p) {
                        "x"
                    } else {
                        "."
                    }
                    .to_owned()
                })
                .collect();
            (p.name().to_owned(), cs)
        })
        .collect();
    let facts = Facts::new("Acme", 2);
    let action_rows = requests()
        .into_iter()
        .map(|(label, action)| {
            let cs = COLUMNS
                .iter()
                .map(|r| {
                    let actor = Actor::Member(member("actor", *r));
                    match authorize(&actor, &action, &facts) {
                        Ok(_) => "ok".to_owned(),
                        Err(d) => d.code().to_owned(),
                    }
                })
                .collect();
            (label.to_owned(), cs)
        })
        .collect();
    format!(
        "# Built-in roles: permissions (x = held)\n\n{}\n# Built-in roles: decisions (actor = column role, 2 active owners, workspace \"Acme\")\n\n{}",
        render_table("permission", perm_rows),
        render_table("action", action_rows)
    )
}

fn diff(old: &str, new: &str) -> String {
    let (a, b): (Vec<_>, Vec<_>) = (old.lines().collect(), new.lines().collect());
    let mut out = String::new();
    for i in 0..a.len().max(b.len()) {
        match (a.get(i), b.get(i)) {
            (Some(x), Some(y)) if x == y => {}
            (x, y) => {
                if let Some(x) = x {
                    let _ = writeln!(out, "-{:>4}: {x}", i + 1);
                }
                if let Some(y) = y {
                    let _ = writeln!(out, "+{:>4}: {y}", i + 1);
                }
            }
        }
    }
    out
}

#[test]
fn role_matrix_matches_the_snapshot() {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests",
        "snapshots",
        "role_matrix.txt",
    ]
    .iter()
    .collect();
    let now = render();
    // CI compares, never rewrites, so this test can always fail there.
    if std::env::var("ROSTER_UPDATE_SNAPSHOTS").as_deref() == Ok("1")
        && std::env::var_os("CI").is_none()
    {
        std::fs::write(&path, &now).expect("write snapshot");
        return;
    }
    let before = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        before == now,
        "the role matrix changed (run with ROSTER_UPDATE_SNAPSHOTS=1 to accept):\n{}",
        diff(&before, &now)
    );
}

#[test]
fn the_diff_shows_changed_lines() {
    assert_eq!(diff("a\nb\n", "a\nc\n"), "-   2: b\n+   2: c\n");
    assert_eq!(diff("a\n", "a\n"), "");
}
