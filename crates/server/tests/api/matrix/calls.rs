//! How the matrix calls each endpoint variant: method, path and body on a
//! world, with a foreign member id where the case needs one.

use super::cases::{Change, Op, Target};
use super::world::{Slot, World};
use serde_json::{Value, json};

/// One HTTP call.
pub struct Call {
    pub method: reqwest::Method,
    pub path: String,
    pub body: Option<Value>,
}

fn target_id(world: &World, elsewhere: &World, t: Target) -> String {
    match t {
        Target::Slot(s) => world.members[&s].id.clone(),
        Target::Elsewhere => elsewhere.members[&Slot::Viewer].id.clone(),
    }
}

/// The method `op` calls with.
pub fn call_method(op: Op) -> reqwest::Method {
    let w = super::world::placeholder();
    call(op, &w, &w, 0).method
}

/// The call for `op` on `world`; `elsewhere` lends a foreign member id; `n`
/// makes invited addresses unique.
pub fn call(op: Op, world: &World, elsewhere: &World, n: usize) -> Call {
    use reqwest::Method as M;
    let ws = format!("/workspaces/{}", world.ws);
    let inv = format!("{ws}/invitations/{}", world.invitation);
    let (method, path, body) = match op {
        Op::ReadWorkspace => (M::GET, ws, None),
        Op::Rename => (M::PATCH, ws, Some(json!({"name": format!("Renamed {n}")}))),
        Op::Describe => (M::PATCH, ws, Some(json!({"description": "# Hello"}))),
        Op::MoveRegion => (M::PATCH, ws, Some(json!({"region": "us-central-1"}))),
        Op::Archive => (M::POST, format!("{ws}/archive"), Some(json!({}))),
        Op::Delete { confirmed } => {
            let confirm = if confirmed {
                world.name.clone()
            } else {
                "not the name".to_owned()
            };
            (M::DELETE, ws, Some(json!({ "confirm": confirm })))
        }
        Op::ListConfig => (M::GET, format!("{ws}/config"), None),
        Op::ReadConfig => (M::GET, format!("{ws}/config/theme"), None),
        Op::PutConfig => (
            M::PUT,
            format!("{ws}/config/theme"),
            Some(json!({"value": "light"})),
        ),
        Op::DeleteConfig => (M::DELETE, format!("{ws}/config/theme"), None),
        Op::ListMembers => (M::GET, format!("{ws}/members"), None),
        Op::SearchMembers => (M::GET, format!("{ws}/members?q=viewer&sort=joined"), None),
        Op::Leave => (M::POST, format!("{ws}/leave"), Some(json!({}))),
        Op::ListInvitations => (M::GET, format!("{ws}/invitations"), None),
        Op::Invite(role) => (
            M::POST,
            format!("{ws}/invitations"),
            Some(json!({"invites": [{"email": format!("new-{n}@matrix.test"), "role": role}]})),
        ),
        Op::Resend => (M::POST, format!("{inv}/resend"), Some(json!({}))),
        Op::Link => (M::GET, format!("{inv}/link"), None),
        Op::Revoke => (M::DELETE, inv, None),
        Op::Audit => (M::GET, format!("{ws}/audit"), None),
        Op::AuditCsv => (M::GET, format!("{ws}/audit?format=csv"), None),
        Op::Outbox => (M::GET, format!("{ws}/outbox"), None),
        Op::Patch(t, c) => {
            let body = match c {
                Change::Role(r) => json!({ "role": r }),
                Change::Features => json!({"feature_access": []}),
                Change::Resources => json!({"resource_access": []}),
                Change::Deactivate => json!({"status": "deactivated"}),
                Change::Reactivate => json!({"status": "active"}),
            };
            let id = target_id(world, elsewhere, t);
            (M::PATCH, format!("{ws}/members/{id}"), Some(body))
        }
        Op::Remove(t) => (
            M::DELETE,
            format!("{ws}/members/{}", target_id(world, elsewhere, t)),
            None,
        ),
        Op::Transfer(t, confirm) => (
            M::POST,
            format!("{ws}/ownership-transfer"),
            Some(json!({"member_id": target_id(world, elsewhere, t), "confirm": confirm})),
        ),
        Op::Ask(action) => (
            M::POST,
            "/authorize".to_owned(),
            Some(json!({"workspace_id": world.ws, "action": action})),
        ),
        Op::AskAbout(t, action) => (
            M::POST,
            "/authorize".to_owned(),
            Some(json!({
                "workspace_id": world.ws,
                "principal": target_id(world, elsewhere, t),
                "action": action,
            })),
        ),
    };
    Call { method, path, body }
}
