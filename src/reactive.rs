//! Effects at a fraction of their WASM: `Effect::new` compiles its own task
//! and bookkeeping for every closure type it is given; `effect` hands it one
//! boxed closure type, so all the app's plain effects share one copy.

use leptos::prelude::Effect;

/// Runs `f` now and again whenever a signal it read changes, until the
/// owner (the component) goes: `Effect::new` for an effect that keeps no
/// value between runs.
pub fn effect(f: impl FnMut() + 'static) {
    start(Box::new(f));
}

fn start(mut f: Box<dyn FnMut()>) {
    Effect::new(move |_| f());
}
