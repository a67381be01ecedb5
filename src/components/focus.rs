//! Focus helpers shared by dialogs and menus: find the focusable elements in
//! a container, trap Tab inside it, move through menu items with the arrows,
//! and put focus back where it came from.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]), \
    select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/// The elements of `root` that Tab reaches, in order.
pub fn focusables(root: &Element, selector: Option<&str>) -> Vec<HtmlElement> {
    let Ok(list) = root.query_selector_all(selector.unwrap_or(FOCUSABLE)) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        .collect()
}

fn active() -> Option<Element> {
    web_sys::window()?.document()?.active_element()
}

/// Focuses the element with this id, if it exists.
pub fn focus_id(id: &str) {
    let el = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    if let Some(el) = el {
        let _ = el.focus();
    }
}

/// Once the pending view updates are drawn, focuses the element with this id
/// if focus was lost meanwhile (it is on the page itself): never takes it from
/// where the person moved it.
pub fn refocus_if_lost(id: &str) {
    let id = id.to_owned();
    let later = move || {
        let lost = active().is_none_or(|a| a.tag_name() == "BODY");
        if lost {
            focus_id(&id);
        }
    };
    leptos::prelude::set_timeout(later, std::time::Duration::ZERO);
}

/// Keeps Tab and Shift+Tab inside `root` (a modal dialog).
pub fn trap_tab(root: &Element, ev: &KeyboardEvent) {
    if ev.key() != "Tab" {
        return;
    }
    let items = focusables(root, None);
    let (Some(first), Some(last)) = (items.first(), items.last()) else {
        ev.prevent_default();
        return;
    };
    let current = active();
    let at = |e: &HtmlElement| {
        current
            .as_ref()
            .is_some_and(|a| a == e.unchecked_ref::<Element>())
    };
    let inside = current.as_ref().is_some_and(|a| root.contains(Some(a)));
    if ev.shift_key() && (at(first) || !inside) {
        ev.prevent_default();
        let _ = last.focus();
    } else if !ev.shift_key() && (at(last) || !inside) {
        ev.prevent_default();
        let _ = first.focus();
    }
}

/// Arrow keys, Home and End move between `[role=menuitem]`s. Returns whether
/// the key was handled.
pub fn menu_keys(root: &Element, ev: &KeyboardEvent) -> bool {
    let items = focusables(root, Some("[role=menuitem]"));
    if items.is_empty() {
        return false;
    }
    let current = active();
    let pos = items.iter().position(|e| {
        current
            .as_ref()
            .is_some_and(|a| a == e.unchecked_ref::<Element>())
    });
    let n = items.len();
    let next = match ev.key().as_str() {
        "ArrowDown" => pos.map_or(0, |p| (p + 1) % n),
        "ArrowUp" => pos.map_or(n - 1, |p| (p + n - 1) % n),
        "Home" => 0,
        "End" => n - 1,
        _ => return false,
    };
    ev.prevent_default();
    let _ = items[next].focus();
    true
}

/// Focuses the first menu item (or the first focusable) in `root`.
pub fn focus_first(root: &Element) {
    let items = focusables(root, Some("[role=menuitem], [autofocus]"));
    let pick = items
        .into_iter()
        .next()
        .or_else(|| focusables(root, None).into_iter().next());
    if let Some(el) = pick {
        let _ = el.focus();
    }
}
