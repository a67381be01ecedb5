//! The audit log's wording: action labels for the filter and the list, and
//! an event's before/after as "field: before → after" lines, read into
//! `Json`, a JSON value smaller in the WASM than serde_json's.

use crate::state::text::clip;
use roster_api::AuditEventResponse;
use roster_api::audit::actions;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// An audit event as the web app holds it.
pub type AuditEvent = AuditEventResponse<Json>;

/// A before or after state: a JSON value with object keys in the server's
/// order (so two objects are equal only with their keys in the same order;
/// the server writes every state's keys in one order). serde_json's `Value`
/// would do, but its map and number code cost the WASM about 3 KB gzip.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// Any other number.
    Number(f64),
    Text(String),
    List(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    /// The value under `key` when this is an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(o) => o.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Json, D::Error> {
        Json::deserialize(d)
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Json, E> {
        Ok(Json::Bool(b))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Json, E> {
        Ok(Json::Int(n))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Json, E> {
        Ok(i64::try_from(n).map_or(Json::Number(n as f64), Json::Int))
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<Json, E> {
        Ok(Json::Number(n))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Json, E> {
        Ok(Json::Text(s.to_owned()))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<Json, E> {
        Ok(Json::Text(s))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(v) = seq.next_element()? {
            items.push(v);
        }
        Ok(Json::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut fields = Vec::new();
        while let Some(entry) = map.next_entry()? {
            fields.push(entry);
        }
        Ok(Json::Object(fields))
    }
}

/// The actions the filter offers (every one the server writes, in
/// [`actions::ALL`]'s order), with their labels.
pub const ACTIONS: [(&str, &str); actions::ALL.len()] = [
    (actions::MEMBER_INVITED, "Member invited"),
    (actions::MEMBER_JOINED, "Member joined"),
    (actions::MEMBER_UPDATED, "Member changed"),
    (actions::MEMBER_REMOVED, "Member removed"),
    (actions::MEMBER_LEFT, "Member left"),
    (actions::INVITATION_RESENT, "Invitation resent"),
    (actions::INVITATION_LINK_COPIED, "Invitation link copied"),
    (actions::INVITATION_REVOKED, "Invitation revoked"),
    (actions::INVITATION_DECLINED, "Invitation declined"),
    (actions::OWNERSHIP_TRANSFERRED, "Ownership transferred"),
    (actions::WORKSPACE_CREATED, "Workspace created"),
    (actions::WORKSPACE_UPDATED, "Settings changed"),
    (actions::WORKSPACE_ARCHIVED, "Workspace archived"),
    (actions::WORKSPACE_DELETED, "Workspace deleted"),
    (actions::CONFIG_SET, "Property set"),
    (actions::CONFIG_DELETED, "Property deleted"),
];

pub fn action_label(a: &str) -> String {
    ACTIONS
        .iter()
        .find(|(k, _)| *k == a)
        .map(|(_, l)| (*l).to_owned())
        .unwrap_or_else(|| a.to_owned())
}

/// "role: editor → admin" lines for the fields an event changed.
pub fn changes(e: &AuditEvent) -> Vec<String> {
    let (Some(Json::Object(after)), before) = (&e.after, &e.before) else {
        return Vec::new();
    };
    let text = |v: Option<&Json>| value_text(v.unwrap_or(&Json::Null));
    after
        .iter()
        .filter_map(|(k, v)| {
            let old = before.as_ref().and_then(|b| b.get(k));
            (old != Some(v)).then(|| match old {
                Some(_) => format!("{k}: {} \u{2192} {}", text(old), text(Some(v))),
                None => format!("{k}: {}", text(Some(v))),
            })
        })
        .collect()
}

/// A JSON value in words, without a JSON writer (and its float formatting)
/// in the WASM.
pub fn value_text(v: &Json) -> String {
    match v {
        Json::Null => "\u{2014}".to_owned(),
        Json::Bool(b) => if *b { "yes" } else { "no" }.to_owned(),
        Json::Int(i) => i.to_string(),
        Json::Number(_) => "a number".to_owned(),
        Json::Text(s) if s.is_empty() => "empty".to_owned(),
        Json::Text(s) => clip(&s.replace('\n', " "), 60),
        Json::List(a) if a.is_empty() => "none".to_owned(),
        Json::List(a) => a.iter().map(value_text).collect::<Vec<_>>().join(", "),
        Json::Object(o) if o.len() == 1 => "1 field".to_owned(),
        Json::Object(o) => format!("{} fields", o.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use serde_json::json;

    /// A [`Json`] read from serde_json's literal, as the API's JSON is read.
    fn read(v: serde_json::Value) -> Json {
        Json::deserialize(v).unwrap()
    }

    #[test]
    fn every_action_the_server_writes_has_a_label_in_the_same_order() {
        let keys: Vec<&str> = ACTIONS.iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, actions::ALL);
        assert!(
            ACTIONS
                .iter()
                .all(|(k, l)| action_label(k) == *l && !l.is_empty())
        );
    }

    fn event(before: serde_json::Value, after: serde_json::Value) -> AuditEvent {
        AuditEvent {
            id: "e1".into(),
            actor: None,
            action: "member.updated".into(),
            target: None,
            before: Some(read(before)),
            after: Some(read(after)),
            at: "2026-11-23T10:00:00Z".into(),
            ip: None,
            user_agent: None,
        }
    }

    #[test]
    fn only_changed_fields_are_listed_with_before_and_after() {
        let e = event(
            json!({"role": "editor", "status": "active"}),
            json!({"role": "admin", "status": "active", "note": ""}),
        );
        // The order is the server's (serde_json may keep insertion order).
        let mut lines = changes(&e);
        lines.sort();
        assert_eq!(lines, ["note: empty", "role: editor \u{2192} admin"]);
    }

    #[test]
    fn objects_keep_the_servers_key_order() {
        let v: Json = serde_json::from_str(r#"{"b": [1, "x", null], "a": {"c": false}}"#).unwrap();
        let Json::Object(fields) = &v else {
            panic!("not an object: {v:?}")
        };
        let keys: Vec<&str> = fields.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["b", "a"]);
        assert_eq!(
            v.get("b"),
            Some(&Json::List(vec![
                Json::Int(1),
                Json::Text("x".into()),
                Json::Null
            ]))
        );
        assert_eq!(
            v.get("a"),
            Some(&Json::Object(vec![("c".into(), Json::Bool(false))]))
        );
        assert_eq!(v.get("z"), None);
        assert_eq!(read(json!("t")).get("b"), None);
    }

    #[test]
    fn numbers_and_deep_values_read_as_before() {
        assert_eq!(read(json!(i64::MIN)), Json::Int(i64::MIN));
        assert_eq!(read(json!(u64::MAX)), Json::Number(u64::MAX as f64));
        assert_eq!(value_text(&read(json!(u64::MAX))), "a number");
        let deep = read(json!({"a": [[{"b": [true, 2.5]}]]}));
        assert_eq!(
            deep.get("a"),
            Some(&Json::List(vec![Json::List(vec![Json::Object(vec![(
                "b".into(),
                Json::List(vec![Json::Bool(true), Json::Number(2.5)])
            )])])]))
        );
        assert_eq!(value_text(&deep), "1 field");
    }

    #[test]
    fn values_read_as_words_and_long_text_is_clipped() {
        assert_eq!(value_text(&read(json!(null))), "\u{2014}");
        assert_eq!(value_text(&read(json!(true))), "yes");
        assert_eq!(value_text(&read(json!(["DE", "IN"]))), "DE, IN");
        assert_eq!(value_text(&read(json!([]))), "none");
        assert_eq!(value_text(&read(json!(3))), "3");
        assert!(value_text(&read(json!("x".repeat(100)))).ends_with('\u{2026}'));
        assert_eq!(value_text(&read(json!(-3))), "-3");
        assert_eq!(value_text(&read(json!(1.5))), "a number");
        assert_eq!(value_text(&read(json!({"a": 1, "b": 2}))), "2 fields");
        assert_eq!(action_label("config.set"), "Property set");
        assert_eq!(action_label("new.thing"), "new.thing");
    }
}
