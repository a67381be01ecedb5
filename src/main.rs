//! The browser entry point: installs the panic hook and mounts the app.
//! Natively there is nothing to run; the binary says how to start Roster.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(roster_web::app::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("roster-web runs in the browser: start Roster with `cargo xtask run`.");
}
