//! Component tests in a real browser (wasm-bindgen-test in headless
//! Chromium): components render the right markup and react to input.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use roster_web::components::{StatusBadge, Tone};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> web_sys::HtmlElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let el = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    el.dyn_into_html()
}

trait DynIntoHtml {
    fn dyn_into_html(self) -> web_sys::HtmlElement;
}

impl DynIntoHtml for web_sys::Element {
    fn dyn_into_html(self) -> web_sys::HtmlElement {
        use wasm_bindgen::JsCast as _;
        self.dyn_into().unwrap()
    }
}

#[wasm_bindgen_test]
async fn status_badge_shows_its_label_in_its_tone() {
    let el = container();
    let _handle = leptos::mount::mount_to(
        el.clone(),
        || view! { <StatusBadge tone=Tone::Bad label="Offline"/> },
    );
    leptos::task::tick().await;
    let badge = el.query_selector(".badge").unwrap().expect("a badge");
    assert_eq!(badge.text_content().as_deref(), Some("Offline"));
    assert!(badge.class_list().contains("bad"));
}

#[wasm_bindgen_test]
async fn account_menu_opens_and_closes() {
    let el = container();
    let _handle = leptos::mount::mount_to(el.clone(), || {
        view! {
            <roster_web::components::AccountMenu id="u1" name="Ada Lovelace" email="ada@acme.io"
                on_sign_out=Callback::new(|()| {})/>
        }
    });
    leptos::task::tick().await;
    assert!(
        el.query_selector("[role=menu]").unwrap().is_none(),
        "closed at first"
    );
    let button: web_sys::HtmlElement = el
        .query_selector("button")
        .unwrap()
        .unwrap()
        .dyn_into_html();
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    button.click();
    leptos::task::tick().await;
    assert!(
        el.query_selector("[role=menu]").unwrap().is_some(),
        "open after a click"
    );
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
}
