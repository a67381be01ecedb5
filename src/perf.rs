//! User Timing marks the benchmarks read in Chromium: when the team table's
//! data arrived, when its rows were on screen (laid out), and when the last
//! search keystroke was typed. `performance.mark` / `measure` cost next to
//! nothing, so they stay in the release build.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance, js_name = mark)]
    fn js_mark(name: &str);
    #[wasm_bindgen(js_namespace = performance, js_name = measure, catch)]
    fn js_measure(name: &str, start: &str, end: &str) -> Result<JsValue, JsValue>;
}

/// The team table's data is decoded.
pub const ROWS_ARRIVED: &str = "roster:rows-arrived";
/// Its rows are in the DOM and laid out.
pub const ROWS_RENDERED: &str = "roster:rows-rendered";
/// A search keystroke (the latest one).
pub const KEYSTROKE: &str = "roster:keystroke";
/// The rows are in the DOM, before layout.
pub const ROWS_BUILT: &str = "roster:rows-built";
/// Measure: data arrived → rows built (the rest of the render is layout).
pub const TABLE_BUILD: &str = "roster:table-build";
/// Measure: data arrived → rows rendered.
pub const TABLE_RENDER: &str = "roster:table-render";
/// Measure: keystroke → updated rows rendered.
pub const SEARCH: &str = "roster:search";

/// Marks `name` now.
pub fn mark(name: &str) {
    js_mark(name);
}

/// Records the measure `name` between two marks (ignored if one is missing).
pub fn measure(name: &str, start: &str, end: &str) {
    let _ = js_measure(name, start, end);
}

/// Runs `f` once the DOM shows the latest change and layout is done: after
/// the reactive updates (microtasks) in a zero-delay timer, then forcing
/// layout by reading the body's height.
pub fn after_render(f: impl FnOnce() + 'static) {
    leptos::prelude::set_timeout(
        move || {
            js_mark(ROWS_BUILT);
            let _ = js_measure(TABLE_BUILD, ROWS_ARRIVED, ROWS_BUILT);
            if let Some(body) = leptos::prelude::document().body() {
                let _ = body.offset_height();
            }
            f();
        },
        std::time::Duration::ZERO,
    );
}
