//! The audit log's wording: action labels for the filter and the list, and
//! an event's before/after as "field: before → after" lines.

use crate::state::text::clip;
use roster_api::AuditEventResponse;
use roster_api::audit::actions;

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
pub fn changes(e: &AuditEventResponse) -> Vec<String> {
    let (Some(serde_json::Value::Object(after)), before) = (&e.after, &e.before) else {
        return Vec::new();
    };
    let text = |v: Option<&serde_json::Value>| value_text(v.unwrap_or(&serde_json::Value::Null));
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

/// A JSON value in words, without serde_json's writer (and its float
/// formatting) in the WASM.
pub fn value_text(v: &serde_json::Value) -> String {
    use serde_json::Value::*;
    match v {
        Null => "\u{2014}".to_owned(),
        Bool(b) => if *b { "yes" } else { "no" }.to_owned(),
        Number(n) => n
            .as_i64()
            .map(|i| i.to_string())
            .unwrap_or_else(|| "a number".to_owned()),
        String(s) if s.is_empty() => "empty".to_owned(),
        String(s) => clip(&s.replace('\n', " "), 60),
        Array(a) if a.is_empty() => "none".to_owned(),
        Array(a) => a.iter().map(value_text).collect::<Vec<_>>().join(", "),
        Object(o) => format!("{} fields", o.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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

    fn event(before: serde_json::Value, after: serde_json::Value) -> AuditEventResponse {
        AuditEventResponse {
            id: "e1".into(),
            actor: None,
            action: "member.updated".into(),
            target: None,
            before: Some(before),
            after: Some(after),
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
    fn values_read_as_words_and_long_text_is_clipped() {
        assert_eq!(value_text(&json!(null)), "\u{2014}");
        assert_eq!(value_text(&json!(true)), "yes");
        assert_eq!(value_text(&json!(["DE", "IN"])), "DE, IN");
        assert_eq!(value_text(&json!([])), "none");
        assert_eq!(value_text(&json!(3)), "3");
        assert!(value_text(&json!("x".repeat(100))).ends_with('\u{2026}'));
        assert_eq!(action_label("config.set"), "Property set");
        assert_eq!(action_label("new.thing"), "new.thing");
    }
}
