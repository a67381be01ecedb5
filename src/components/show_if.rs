//! `<Show>` for much less WASM: a view drawn while a condition holds (and
//! another, or nothing, while it does not). Like `<Show>`, the condition is
//! memoised, so a view is built again only when the condition flips.
//! `<Show>` compiled its own copy of the memo and render code for every
//! use (about 800 bytes each); here every use runs the same compiled code
//! on boxed closures, and only its closures are its own.

use leptos::prelude::*;

type Cond = Box<dyn Fn() -> bool + Send + Sync>;
type Draw = Box<dyn Fn() -> AnyView + Send + Sync>;

/// `view` while `when` holds, else nothing.
pub fn show_if(
    when: impl Fn() -> bool + Send + Sync + 'static,
    view: impl Fn() -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    pick(Box::new(when), Box::new(view), None)
}

/// `view` while `when` holds, else `fallback`.
pub fn show_if_else(
    when: impl Fn() -> bool + Send + Sync + 'static,
    view: impl Fn() -> AnyView + Send + Sync + 'static,
    fallback: impl Fn() -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    pick(Box::new(when), Box::new(view), Some(Box::new(fallback)))
}

fn pick(when: Cond, view: Draw, fallback: Option<Draw>) -> impl IntoView {
    let when = Memo::new(move |_| when());
    move || {
        if when.get() {
            Some(view())
        } else {
            fallback.as_ref().map(|f| f())
        }
    }
}
