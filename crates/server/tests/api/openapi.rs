//! The OpenAPI document: served as OpenAPI 3.1 JSON, and in step with the
//! routes the server mounts (`http::openapi::ROUTES`), both ways.

use crate::support::TestApp;
use roster_server::http::openapi::ROUTES;
use std::collections::BTreeSet;

const METHODS: &[&str] = &["get", "post", "put", "patch", "delete"];

fn method(m: &str) -> reqwest::Method {
    reqwest::Method::from_bytes(m.to_uppercase().as_bytes()).unwrap()
}

/// A concrete address for a path template.
fn concrete(path: &str) -> String {
    path.replace("{ws}", "ws_x")
        .replace("{member}", "mem_x")
        .replace("{id}", "inv_x")
        .replace("{key}", "k")
}

async fn document(app: &TestApp) -> serde_json::Value {
    let res = app.get("/api/v1/openapi.json").await;
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    res.json().await.expect("the document is JSON")
}

#[tokio::test]
async fn openapi_document_is_3_1_and_documents_exactly_the_mounted_routes() {
    let app = TestApp::spawn().await;
    let doc = document(&app).await;
    let version = doc["openapi"].as_str().expect("an openapi field");
    assert!(version.starts_with("3.1"), "version {version}");
    assert_eq!(doc["info"]["title"], "Roster API");

    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for m in METHODS {
            if let Some(op) = item.get(*m) {
                documented.insert((m.to_string(), path.clone()));
                let responses = op["responses"].as_object().expect("responses");
                assert!(!responses.is_empty(), "{m} {path} documents its answers");
                if path.starts_with("/api/v1/") && path != "/api/v1/openapi.json" {
                    let problem = &responses["400"]
                        .get("content")
                        .or(responses["401"].get("content"));
                    assert!(
                        problem.is_some_and(|c| c.get("application/problem+json").is_some()),
                        "{m} {path} documents its problem+json errors"
                    );
                    assert!(op["tags"].as_array().is_some_and(|t| !t.is_empty()));
                }
            }
        }
    }
    let mounted: BTreeSet<(String, String)> = ROUTES
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(mounted.len(), ROUTES.len(), "ROUTES has no duplicates");
    let undocumented: Vec<_> = mounted.difference(&documented).collect();
    let unmounted: Vec<_> = documented.difference(&mounted).collect();
    assert!(
        undocumented.is_empty(),
        "mounted but not documented: {undocumented:?}"
    );
    assert!(
        unmounted.is_empty(),
        "documented but not in ROUTES: {unmounted:?}"
    );
}

#[tokio::test]
async fn every_listed_route_is_mounted_and_no_other_method_is() {
    let app = TestApp::spawn().await;
    let paths: BTreeSet<&str> = ROUTES.iter().map(|(_, p)| *p).collect();
    for path in paths {
        for m in METHODS {
            let listed = ROUTES.contains(&(*m, path));
            let res = app
                .client
                .request(method(m), format!("{}{}", app.base, concrete(path)))
                .header("content-type", "application/json")
                .body("{}")
                .send()
                .await
                .unwrap();
            let status = res.status().as_u16();
            if listed {
                // Anonymous callers get 401/403/400 from the extractors
                // before any lookup; a 404 or 405 would mean no route.
                assert!(
                    status != 404 && status != 405,
                    "{m} {path} is listed but answered {status}"
                );
            } else {
                assert_eq!(status, 405, "{m} {path} is mounted but not listed");
            }
        }
    }
}

/// Every string schema under `schema` (resolving `$ref`s) that says nothing
/// about which characters it takes: `at` names where it is.
fn unbounded_strings(
    doc: &serde_json::Value,
    schema: &serde_json::Value,
    at: &str,
    out: &mut Vec<String>,
) {
    if let Some(r) = schema["$ref"].as_str() {
        let name = r.rsplit('/').next().unwrap_or_default();
        return unbounded_strings(doc, &doc["components"]["schemas"][name], at, out);
    }
    let is_string = schema["type"] == "string"
        || schema["type"]
            .as_array()
            .is_some_and(|t| t.iter().any(|t| t == "string"));
    let says = ["pattern", "enum", "const"]
        .iter()
        .any(|k| !schema[k].is_null());
    if is_string && !says {
        out.push(at.to_owned());
    }
    for (name, property) in schema["properties"].as_object().into_iter().flatten() {
        unbounded_strings(doc, property, &format!("{at}.{name}"), out);
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        for (i, s) in schema[key].as_array().into_iter().flatten().enumerate() {
            unbounded_strings(doc, s, &format!("{at}/{key}[{i}]"), out);
        }
    }
    if schema["items"].is_object() {
        unbounded_strings(doc, &schema["items"], &format!("{at}[]"), out);
    }
}

/// The document says which characters every string a client sends may hold
/// (at least: no NUL, which no Roster value takes and PostgreSQL cannot
/// store), so a fuzzer's valid input is input the server accepts.
#[tokio::test]
async fn every_string_a_client_sends_has_a_pattern() {
    let app = TestApp::spawn().await;
    let doc = document(&app).await;
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let at = format!("{method} {path}");
            for p in op["parameters"].as_array().into_iter().flatten() {
                let name = p["name"].as_str().unwrap_or_default();
                if p["in"] != "path" {
                    unbounded_strings(&doc, &p["schema"], &format!("{at} ?{name}"), &mut out);
                }
            }
            let body = &op["requestBody"]["content"]["application/json"]["schema"];
            unbounded_strings(&doc, body, &format!("{at} body"), &mut out);
        }
    }
    assert!(
        out.is_empty(),
        "strings without a pattern:\n{}",
        out.join("\n")
    );
}
