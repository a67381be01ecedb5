//! The accessibility audit: axe-core (from the npm registry, installed by the
//! xtask) injected into the page; serious and critical violations fail; and
//! the journeys' light/dark, desktop/phone screenshots that run it.

use crate::browser::Browser;
use std::path::PathBuf;

type Res<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

const RUN: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, { resultTypes: ['violations'] })
  .then(r => done(r.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => v.id + ': ' + v.help + ' at ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))))
  .catch(e => done(['axe could not run: ' + e]));
"#;

/// Fails when axe-core finds serious or critical violations on the page.
pub async fn assert_accessible(b: &Browser, what: &str) -> Res<()> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("node_modules/axe-core/axe.min.js");
    let source = std::fs::read_to_string(&path).map_err(|e| {
        format!(
            "{}: {e} (cargo xtask test installs axe-core)",
            path.display()
        )
    })?;
    b.client().execute(&source, Vec::new()).await?;
    let found = b.client().execute_async(RUN, Vec::new()).await?;
    let violations: Vec<String> = serde_json::from_value(found)?;
    if violations.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "accessibility violations on {what}:\n{}",
            violations.join("\n")
        )
        .into())
    }
}

/// Light and dark screenshots at desktop and phone width (360 px), checked
/// by axe at both widths.
pub async fn shots(b: &Browser, name: &str) -> Res<()> {
    b.screenshot(&format!("{name}-desktop")).await?;
    assert_accessible(b, name).await?;
    b.color_scheme("dark").await?;
    b.screenshot(&format!("{name}-desktop-dark")).await?;
    assert_accessible(b, &format!("{name} (dark)")).await?;
    // The narrowest phone the console supports: nothing may push the page
    // sideways.
    b.resize(360, 780).await?;
    let overflow = b
        .client()
        .execute(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;",
            vec![],
        )
        .await?
        .as_f64()
        .unwrap_or(0.0);
    assert!(
        overflow <= 0.0,
        "{name} is {overflow}px wider than a 360px-wide phone"
    );
    b.screenshot(&format!("{name}-phone-dark")).await?;
    b.color_scheme("light").await?;
    b.screenshot(&format!("{name}-phone")).await?;
    assert_accessible(b, &format!("{name} (phone)")).await?;
    b.resize(1280, 800).await?;
    Ok(())
}
