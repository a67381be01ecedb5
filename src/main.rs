//! The browser entry point: mounts the app (and, where a panic can reach
//! it, installs the hook that logs panics to the console).
//! Natively there is nothing to run; the binary says how to start Roster.
//!
//! In the browser the binary has no Rust `main`: wasm-bindgen's start
//! function runs instead, so std's runtime set-up and tear-down (which
//! flushes a stdout the browser does not have) stay out of the WASM.

#![cfg_attr(target_arch = "wasm32", no_main)]

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
fn start() {
    // The size build's panics abort at once and never reach a hook.
    #[cfg(not(panic = "immediate-abort"))]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(roster_web::app::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("roster-web runs in the browser: start Roster with `cargo xtask run`.");
}
