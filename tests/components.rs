//! Component tests in a real browser (wasm-bindgen-test in headless
//! Chromium): components render the right markup and react to input, and
//! wire types read from browser-parsed JSON exactly as serde_json reads them.
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

/// Reads `text` both ways: through the browser's JSON.parse and
/// `api::json`, and through serde_json; both must agree.
fn both<T>(text: &str) -> (Result<T, String>, Result<T, String>)
where
    T: serde::de::DeserializeOwned,
{
    let parsed = js_sys::JSON::parse(text).expect("valid JSON");
    let ours = roster_web::api::json::from_value::<T>(parsed).map_err(|e| e.to_string());
    let theirs = serde_json::from_str::<T>(text).map_err(|e| e.to_string());
    (ours, theirs)
}

#[wasm_bindgen_test]
fn wire_types_read_from_parsed_json_as_serde_json_reads_them() {
    use roster_api::{MeResponse, MemberResponse, Page, Problem};
    let member = r#"{"id":"m1","user_id":null,"name":"Ada","email":"ada@x.io","role":"admin",
        "status":"invited","feature_access":["ai_chat","dashboard"],"resource_access":"all",
        "joined_at":"2026-01-02T03:04:05Z","unknown":{"nested":[1,2.5,true]}}"#;
    let (ours, theirs) = both::<MemberResponse>(member);
    assert_eq!(ours, theirs);
    assert!(ours.is_ok(), "{ours:?}");
    let page = format!(r#"{{"items":[{member},{member}],"next_cursor":"c2"}}"#);
    let (ours, theirs) = both::<Page<MemberResponse>>(&page);
    assert_eq!(ours, theirs);
    assert_eq!(ours.map(|p| p.items.len()), Ok(2));
    let problem = r#"{"type":"urn:roster:problem:validation","title":"Invalid","status":422,
        "detail":"Check the fields.","code":"validation","errors":[{"field":"email","message":"Enter an email."}]}"#;
    let (ours, theirs) = both::<Problem>(problem);
    assert_eq!(ours, theirs);
    assert!(ours.is_ok(), "{ours:?}");
    let me = r#"{"user":{"id":"u1","name":"Ada","email":"ada@x.io"},"workspaces":[],
        "pending_invitations":[],"join_suggestions":[],"csrf_token":"t"}"#;
    let (ours, theirs) = both::<MeResponse>(me);
    assert_eq!(ours, theirs);
    assert!(ours.is_ok(), "{ours:?}");
    // Absent fields with a default take it; absent options read as None.
    let bare = r#"{"type":"t","title":"T","status":404,"detail":"d","code":"c"}"#;
    let (ours, theirs) = both::<Problem>(bare);
    assert_eq!(ours, theirs);
    assert!(ours.is_ok_and(|p| p.errors.is_empty() && p.request_id.is_none()));
}

#[wasm_bindgen_test]
fn an_absent_required_field_is_named() {
    use roster_api::MemberResponse;
    let nameless = r#"{"id":"m","user_id":"u","email":"e","role":"r","status":"active",
        "feature_access":"all","resource_access":"all","joined_at":"j","invited_by":null}"#;
    let (ours, theirs) = both::<MemberResponse>(nameless);
    assert_eq!(
        ours.clone().unwrap_err(),
        "missing field `name`",
        "{ours:?}"
    );
    assert_eq!(
        theirs.unwrap_err().split(" at ").next(),
        Some("missing field `name`")
    );
}

#[wasm_bindgen_test]
fn a_later_error_is_not_blamed_on_an_absent_defaulted_field() {
    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Both {
        #[serde(default)]
        a: Vec<u8>,
        b: u8,
    }
    let (ours, theirs) = both::<Both>(r#"{"b":"x"}"#);
    let theirs = theirs.unwrap_err();
    assert_eq!(ours.unwrap_err(), theirs.split(" at ").next().unwrap());
    let (ours, theirs) = both::<Both>(r#"{"b":7}"#);
    assert_eq!(ours, theirs);
    assert_eq!(ours, Ok(Both { a: vec![], b: 7 }));
}

#[wasm_bindgen_test]
fn a_struct_with_aliases_is_refused_rather_than_misread() {
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Aliased {
        #[serde(alias = "first")]
        a: Option<u8>,
        b: Option<u8>,
    }
    let (ours, _) = both::<Aliased>(r#"{"a":1,"b":2}"#);
    assert!(ours.is_err(), "{ours:?}");
}

#[wasm_bindgen_test]
fn wrong_shapes_are_refused_and_named() {
    use roster_api::{MemberResponse, Problem};
    for bad in [
        r#"{"type":"t","title":"T","status":"422","detail":"d","code":"c"}"#,
        r#"{"type":"t","title":"T","status":4.5,"detail":"d","code":"c"}"#,
        r#"{"type":"t","title":"T","status":70000,"detail":"d","code":"c"}"#,
        r#"{"type":"t","title":"T","detail":"d","code":"c"}"#,
        r#"[1,2]"#,
    ] {
        let (ours, theirs) = both::<Problem>(bad);
        assert!(
            ours.is_err() && theirs.is_err(),
            "{bad}: {ours:?} / {theirs:?}"
        );
    }
    let member = |status: &str, features: &str| {
        format!(
            r#"{{"id":"m","user_id":"u","name":"N","email":"e","role":"r","status":{status},
            "feature_access":{features},"resource_access":[],"joined_at":"j","invited_by":null}}"#
        )
    };
    for bad in [
        member("\"gone\"", "\"all\""),
        member("\"active\"", "\"none\""),
        member("\"active\"", "[\"Bad Key\"]"),
        member("\"active\"", "3"),
    ] {
        let (ours, theirs) = both::<MemberResponse>(&bad);
        assert!(
            ours.is_err() && theirs.is_err(),
            "{bad}: {ours:?} / {theirs:?}"
        );
    }
    let (ours, _) =
        both::<Problem>(r#"{"type":"t","title":"T","status":4.5,"detail":"d","code":"c"}"#);
    let message = ours.unwrap_err();
    assert!(
        message.contains("a number with a fraction") && message.contains("u16"),
        "{message}"
    );
}
