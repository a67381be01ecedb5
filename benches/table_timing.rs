//! P7, the team table's speed in Chromium, read from the app's User Timing
//! marks: the first render of the team table after its data arrives, and a
//! search keystroke to updated rows. A `harness = false` bench that
//! `cargo xtask bench table` runs against a seeded release server (it
//! passes `ROSTER_TIMING_URL` and `ROSTER_TIMING_OWNER`); it prints one
//! `TIMING {json}` line. With `ROSTER_TIMING_PROFILE` set it also prints
//! each load's long animation frames (script vs style and layout) and
//! writes a CPU profile of the first load to `/tmp/roster-profile.json`.

// The browser harness offers more helpers than this bench uses.
#[allow(dead_code)]
#[path = "../tests/e2e/browser.rs"]
mod browser;

use browser::{Browser, By};
use serde_json::{Value, json};

/// The durations (ms) of every `performance.measure` called `name`.
async fn measures(
    b: &Browser,
    name: &str,
) -> Result<Vec<f64>, Box<dyn std::error::Error + Send + Sync>> {
    let v = b
        .client()
        .execute(
            "return performance.getEntriesByName(arguments[0], 'measure').map(e => e.duration)",
            vec![json!(name)],
        )
        .await?;
    Ok(v.as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_f64)
        .collect())
}

fn main() {
    let (Ok(base), Ok(owner)) = (
        std::env::var("ROSTER_TIMING_URL"),
        std::env::var("ROSTER_TIMING_OWNER"),
    ) else {
        eprintln!("table_timing needs a seeded server: run `cargo xtask bench table`");
        std::process::exit(2);
    };
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime")
        .block_on(timing(base, owner));
}

async fn timing(base: String, owner: String) {
    let rounds: usize = std::env::var("ROSTER_TIMING_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    Browser::run("timing", move |b| async move {
        let path = b
            .sign_in(&base, &owner, roster_server::seed::DEMO_PASSWORD)
            .await?;
        let mut renders = Vec::new();
        let mut searches = Vec::new();
        let mut rows = 0u64;
        let profile = std::env::var_os("ROSTER_TIMING_PROFILE").is_some();
        for round in 0..rounds {
            // A fresh load of the first page (200 rows per group).
            if profile && round == 0 {
                b.cdp("Profiler.enable", json!({})).await?;
                b.cdp("Profiler.start", json!({})).await?;
            }
            // Only the measures are polled: finding rows would make Chromium
            // lay the page out in the middle of what is being measured.
            b.goto(&format!("{base}{path}")).await?;
            if profile && round == 0 {
                tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
                let p = b.cdp("Profiler.stop", json!({})).await?;
                std::fs::write("/tmp/roster-profile.json", p.to_string())?;
            }
            let mut got = measures(&b, "roster:table-render").await?;
            for _ in 0..500 {
                if !got.is_empty() {
                    break;
                }
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                got = measures(&b, "roster:table-render").await?;
            }
            renders.extend(got.first().copied());
            if profile {
                let loaf = b.client().execute(
                    "return new Promise(r => { new PerformanceObserver(l => r(l.getEntries().map(e => ({d: e.duration, start: e.startTime, render: e.renderStart ? e.startTime + e.duration - e.renderStart : 0, style: e.styleAndLayoutStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0, scripts: e.scripts.map(s => [s.invoker, Math.round(s.duration)])})))).observe({type: 'long-animation-frame', buffered: true}); setTimeout(() => r('none'), 500); })",
                    vec![],
                ).await?;
                println!("LOAF {loaf}");
            }
            rows = b
                .client()
                .execute("return document.querySelectorAll('[data-testid=member-row]').length", vec![])
                .await?
                .as_u64()
                .unwrap_or_default();
            // Keystrokes typed one at a time, each waiting for its rows.
            let search = b.wait_for(By::TestId("member-search")).await?;
            let term = ["mar", "ann", "son"][round % 3];
            for (i, c) in term.chars().enumerate() {
                search.send_keys(&c.to_string()).await?;
                for _ in 0..250 {
                    if measures(&b, "roster:search").await?.len() > i {
                        break;
                    }
                    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                }
            }
            searches.extend(measures(&b, "roster:search").await?);
        }
        let build = measures(&b, "roster:table-build").await?;
        println!("TIMING {}", json!({ "render_ms": renders, "search_ms": searches, "rows": rows, "build": build }));
        Ok(())
    })
    .await;
}
