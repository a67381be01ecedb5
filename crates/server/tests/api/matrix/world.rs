//! The matrix's worlds: workspaces written straight into the store (fast
//! enough for thousands), each holding one member per slot and, when the
//! actor is a member, the actor in the role and status the case names.

use crate::support::{Session, TestApp};
use roster_server::store::config::upsert_config;
use roster_server::store::invitations::{Invitation, insert_invitation};
use roster_server::store::members::{MemberRecord, insert_member};
use roster_server::store::workspaces::{Workspace, insert_workspace};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};

/// The built-in roles, by key.
pub const ROLES: [&str; 4] = ["owner", "admin", "editor", "viewer"];
/// Member statuses.
pub const STATUSES: [&str; 3] = ["active", "invited", "deactivated"];
const T0: &str = "2026-01-01T00:00:00.000000Z";

/// Who calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ActorKind {
    /// A member in this role and status.
    Member(&'static str, &'static str),
    /// The workspace's first owner (the last one when there is no second).
    FirstOwner,
    /// Signed in, not a member.
    NonMember,
    /// No session at all.
    Anonymous,
}

impl ActorKind {
    /// Every kind of caller that exists today.
    pub fn all() -> Vec<ActorKind> {
        let mut all: Vec<_> = ROLES
            .iter()
            .flat_map(|r| STATUSES.iter().map(move |s| ActorKind::Member(r, s)))
            .collect();
        all.extend([
            ActorKind::FirstOwner,
            ActorKind::NonMember,
            ActorKind::Anonymous,
        ]);
        all
    }
}

/// The facts a world varies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Variant {
    /// A second active owner besides the first.
    pub second_owner: bool,
    /// The workspace is archived.
    pub archived: bool,
}

/// The member rows every world holds, besides the actor's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Slot {
    /// The actor's own row (absent for non-members).
    Actor,
    /// The first owner.
    Owner,
    /// The second owner (when the variant has one).
    Owner2,
    /// Active admin, editor and viewer.
    Admin,
    Editor,
    Viewer,
    /// A deactivated viewer.
    Deactivated,
    /// An invited viewer without an account, with a pending invitation.
    Invited,
}

/// The accounts the worlds are made of, signed up once.
pub struct People {
    /// One session per member actor kind.
    pub actors: HashMap<(&'static str, &'static str), Session>,
    /// The first owner of every matrix world.
    pub owner: Session,
    /// The owner of the foreign worlds (never in a matrix world).
    pub foreign_owner: Session,
    /// A signed-in non-member.
    pub outsider: Session,
    /// Accounts behind the other slots.
    pub others: HashMap<&'static str, Session>,
}

impl People {
    /// Signs everyone up.
    pub async fn sign_up(app: &TestApp) -> People {
        let mut actors = HashMap::new();
        for role in ROLES {
            for status in STATUSES {
                let email = format!("{role}-{status}@matrix.test");
                actors.insert((role, status), app.signup(&email, role).await);
            }
        }
        let mut others = HashMap::new();
        for who in ["owner2", "admin", "editor", "viewer", "deactivated"] {
            others.insert(who, app.signup(&format!("t-{who}@matrix.test"), who).await);
        }
        People {
            actors,
            owner: app.signup("first-owner@matrix.test", "Olga").await,
            foreign_owner: app.signup("owner@foreign.test", "Fay").await,
            outsider: app.signup("outsider@elsewhere.test", "Otto").await,
            others,
        }
    }
}

/// One built workspace.
#[derive(Clone, Debug)]
pub struct World {
    /// Its id.
    pub ws: String,
    /// Its name (to confirm deletion).
    pub name: String,
    /// Member rows by slot.
    pub members: HashMap<Slot, MemberRecord>,
    /// The invited slot's pending invitation.
    pub invitation: String,
    /// The variant it was built for.
    pub variant: Variant,
}

static NEXT: AtomicU32 = AtomicU32::new(1);

fn member(ws: &str, slot: Slot, user: Option<&Session>, role: &str, status: &str) -> MemberRecord {
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let email = user.map_or_else(|| format!("invitee-{n}@matrix.test"), |u| u.email.clone());
    MemberRecord {
        id: format!("mem_{n}_{slot:?}").to_lowercase(),
        workspace_id: ws.to_owned(),
        user_id: user.map(|u| u.user_id.clone()),
        api_key_id: None,
        name: email.split('@').next().unwrap_or_default().to_owned(),
        email,
        role: role.to_owned(),
        status: status.to_owned(),
        feature_access: "\"all\"".to_owned(),
        resource_access: "\"all\"".to_owned(),
        joined_at: T0.to_owned(),
        invited_by: None,
    }
}

/// Writes a world for `actor` (`foreign`: owned by the foreign owner, so no
/// matrix caller belongs to it).
pub async fn build(
    app: &TestApp,
    people: &People,
    actor: ActorKind,
    variant: Variant,
    foreign: bool,
) -> World {
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let ws = format!("ws_matrix_{n}");
    let name = format!("Matrix {n}");
    let owner = if foreign {
        &people.foreign_owner
    } else {
        &people.owner
    };
    let mut members = HashMap::new();
    let mut add = |slot, user: Option<&Session>, role, status| {
        members.insert(slot, member(&ws, slot, user, role, status));
    };
    add(Slot::Owner, Some(owner), "owner", "active");
    if variant.second_owner {
        add(
            Slot::Owner2,
            Some(&people.others["owner2"]),
            "owner",
            "active",
        );
    }
    add(
        Slot::Admin,
        Some(&people.others["admin"]),
        "admin",
        "active",
    );
    add(
        Slot::Editor,
        Some(&people.others["editor"]),
        "editor",
        "active",
    );
    add(
        Slot::Viewer,
        Some(&people.others["viewer"]),
        "viewer",
        "active",
    );
    add(
        Slot::Deactivated,
        Some(&people.others["deactivated"]),
        "viewer",
        "deactivated",
    );
    add(Slot::Invited, None, "viewer", "invited");
    if let (ActorKind::Member(role, status), false) = (actor, foreign) {
        add(
            Slot::Actor,
            Some(&people.actors[&(role, status)]),
            role,
            status,
        );
    }
    let invited = &members[&Slot::Invited];
    let invitation = Invitation {
        id: format!("inv_matrix_{n}"),
        workspace_id: ws.clone(),
        member_id: invited.id.clone(),
        email: invited.email.clone(),
        role: "viewer".to_owned(),
        token_hash: format!("matrix-token-hash-{n}"),
        status: "pending".to_owned(),
        expires_at: "2099-01-01T00:00:00.000000Z".to_owned(),
        invited_by: Some(owner.user_id.clone()),
        created_at: T0.to_owned(),
        workspace_name: name.clone(),
        workspace_status: "active".to_owned(),
    };
    let mut tx = app.db.write().await.unwrap();
    let workspace = Workspace {
        id: ws.clone(),
        name: name.clone(),
        region: "eu-central-1".to_owned(),
        domain: None,
        logo_url: None,
        colour: None,
        description: String::new(),
        countries: Vec::new(),
        status: if variant.archived {
            "archived"
        } else {
            "active"
        }
        .to_owned(),
        created_at: T0.to_owned(),
    };
    insert_workspace(&mut tx, &workspace).await.unwrap();
    for m in members.values() {
        insert_member(&mut tx, m).await.unwrap();
    }
    insert_invitation(&mut tx, &invitation).await.unwrap();
    upsert_config(&mut tx, &ws, "theme", "dark").await.unwrap();
    tx.commit().await.unwrap();
    World {
        ws,
        name,
        members,
        invitation: invitation.id,
        variant,
    }
}

/// A world that exists nowhere, for asking what a call looks like.
pub fn placeholder() -> World {
    let slots = [
        Slot::Actor,
        Slot::Owner,
        Slot::Owner2,
        Slot::Admin,
        Slot::Editor,
        Slot::Viewer,
        Slot::Deactivated,
        Slot::Invited,
    ];
    let members = slots
        .into_iter()
        .map(|s| (s, member("ws_none", s, None, "viewer", "active")))
        .collect();
    World {
        ws: "ws_none".to_owned(),
        name: "None".to_owned(),
        members,
        invitation: "inv_none".to_owned(),
        variant: Variant {
            second_owner: true,
            archived: false,
        },
    }
}
