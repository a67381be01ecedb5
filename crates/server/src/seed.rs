//! Demo data: `roster-server seed` creates an owner account, one workspace,
//! N members with realistic names and a mix of roles and statuses, pending
//! invitations and audit events — in ONE transaction through `store`
//! functions (no SQL here), so 100,000 members take seconds.

use crate::auth::{hash_token, new_id, new_token};
use crate::state::AppState;
use crate::store::{
    self, audit::AuditEvent, bulk, invitations::Invitation, members::MemberRecord, users,
    users::User, workspaces::Workspace,
};
use anyhow::Context as _;
use roster_api::audit::actions;

/// The demo password of every seeded account (printed by the command).
pub const DEMO_PASSWORD: &str = "roster-demo-password";

/// What to seed.
#[derive(Debug, Clone)]
pub struct SeedOptions {
    /// Joined members of the workspace, the owner included.
    pub members: u32,
    /// The workspace's name; seeding the same name twice does nothing.
    pub workspace: String,
}

/// What seeding did.
#[derive(Debug, Clone)]
pub struct SeedReport {
    /// False when the workspace already existed (nothing was written).
    pub created: bool,
    /// The workspace's id.
    pub workspace_id: String,
    /// The demo owner's sign-in email.
    pub owner_email: String,
    /// The demo owner's password.
    pub owner_password: &'static str,
    /// Joined members written (owner included).
    pub members: u32,
    /// Pending invitations written.
    pub invitations: u32,
    /// Audit events written.
    pub audit_events: u32,
}

const FIRST: &[&str] = &[
    "Ada", "Ben", "Chloe", "Daniel", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi",
    "Liam", "Maya", "Noah", "Olga", "Priya", "Quentin", "Rosa", "Samir", "Tara", "Uma", "Victor",
    "Wen", "Ximena", "Yusuf", "Zoe", "Amara", "Bruno", "Carmen", "Dmitri", "Esther", "Felix",
];
const LAST: &[&str] = &[
    "Adams",
    "Bauer",
    "Castillo",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Garcia",
    "Haddad",
    "Ito",
    "Jensen",
    "Kowalski",
    "Lopez",
    "Mensah",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quinn",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Usman",
    "Varga",
    "Walsh",
    "Xu",
    "Yilmaz",
    "Zhang",
    "Andersson",
    "Brown",
    "Chen",
    "Diallo",
    "Evans",
    "Fernandes",
];

/// The demo domain of a workspace name: `Acme Analytics` → `acme-analytics.example`.
pub fn demo_domain(workspace: &str) -> String {
    let slug: String = workspace
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    format!("{}.example", if slug.is_empty() { "demo" } else { &slug })
}

/// The i-th demo person: (display name, email local part), unique per i.
fn person(i: usize) -> (String, String) {
    let (first, last) = (FIRST[i % FIRST.len()], LAST[(i / FIRST.len()) % LAST.len()]);
    let round = i / (FIRST.len() * LAST.len());
    let local = format!("{}.{}", first.to_lowercase(), last.to_lowercase());
    match round {
        0 => (format!("{first} {last}"), local),
        n => (
            format!("{first} {last} {}", n + 1),
            format!("{local}{}", n + 1),
        ),
    }
}

/// The role of the i-th member (i ≥ 1; 0 is the demo owner): two co-owners
/// whatever the size (as in real workspaces), a few admins, many editors and
/// viewers.
fn role_of(i: usize) -> &'static str {
    match i % 50 {
        0 if i <= 100 => "owner",
        0..=4 => "admin",
        5..=24 => "editor",
        _ => "viewer",
    }
}

/// Seeds the demo workspace unless one of that name exists.
pub async fn seed(state: &AppState, opts: &SeedOptions) -> anyhow::Result<SeedReport> {
    let domain = demo_domain(&opts.workspace);
    let owner_email = format!("owner@{domain}");
    let mut report = SeedReport {
        created: false,
        workspace_id: String::new(),
        owner_email: owner_email.clone(),
        owner_password: DEMO_PASSWORD,
        members: 0,
        invitations: 0,
        audit_events: 0,
    };
    let password_hash = state.passwords.hash(DEMO_PASSWORD.to_owned()).await?;
    let mut tx = state.db.write().await?;
    if let Some(id) = bulk::find_workspace_id_by_name(&mut tx, &opts.workspace).await? {
        report.workspace_id = id;
        return Ok(report);
    }
    let now = state.clock.now();
    let at = |minutes_ago: i64| store::time_text(now - chrono::Duration::minutes(minutes_ago));
    let region = state
        .regions
        .list()
        .first()
        .context("no region is configured")?
        .as_str()
        .to_owned();
    let workspace = Workspace {
        id: new_id("ws"),
        name: opts.workspace.clone(),
        region,
        domain: Some(domain.clone()),
        logo_url: None,
        colour: Some("#4f46e5".to_owned()),
        description: format!(
            "# {}\n\nDemo workspace seeded by `roster-server seed`.",
            opts.workspace
        ),
        countries: vec!["US".to_owned(), "DE".to_owned()],
        status: "active".to_owned(),
        created_at: at(60 * 24 * 365),
    };
    crate::store::workspaces::insert_workspace(&mut tx, &workspace).await?;

    let owner = match users::find_user_by_email(&mut tx, &owner_email).await? {
        Some(u) => u,
        None => {
            let u = User {
                id: new_id("usr"),
                email: owner_email.clone(),
                name: "Demo Owner".to_owned(),
                avatar_url: None,
                password_hash: Some(password_hash.clone()),
                status: "active".to_owned(),
                last_workspace_id: None,
            };
            users::insert_user(&mut tx, &u, &workspace.created_at).await?;
            u
        }
    };
    users::update_last_workspace(&mut tx, &owner.id, Some(&workspace.id)).await?;

    let count = opts.members.max(1) as usize;
    let mut new_users = Vec::with_capacity(count);
    let mut members = Vec::with_capacity(count);
    let mut events = Vec::with_capacity(count + count / 10 + 1);
    let event = |action: &str, target: &str, after: serde_json::Value, when: String| AuditEvent {
        id: new_id("evt"),
        workspace_id: workspace.id.clone(),
        actor: Some(owner.id.clone()),
        action: action.to_owned(),
        target: Some(target.to_owned()),
        before: None,
        after: Some(after.to_string()),
        at: when,
        ip: Some("127.0.0.1".to_owned()),
        user_agent: Some("roster-server seed".to_owned()),
    };
    events.push(event(
        actions::WORKSPACE_CREATED,
        &workspace.id,
        serde_json::json!({ "name": workspace.name }),
        workspace.created_at.clone(),
    ));
    for i in 0..count {
        let minutes_ago = (count - i) as i64 * 7;
        let (user_id, name, email, role, status) = if i == 0 {
            let o = &owner;
            (
                o.id.clone(),
                o.name.clone(),
                o.email.clone(),
                "owner",
                "active",
            )
        } else {
            let (name, local) = person(i - 1);
            let user = User {
                id: new_id("usr"),
                email: format!("{local}@{domain}"),
                name,
                avatar_url: None,
                password_hash: Some(password_hash.clone()),
                status: "active".to_owned(),
                last_workspace_id: Some(workspace.id.clone()),
            };
            let status = if i % 20 == 7 { "deactivated" } else { "active" };
            let row = (
                user.id.clone(),
                user.name.clone(),
                user.email.clone(),
                role_of(i),
                status,
            );
            new_users.push(user);
            row
        };
        let member = MemberRecord {
            id: new_id("mem"),
            workspace_id: workspace.id.clone(),
            user_id: Some(user_id),
            api_key_id: None,
            name,
            email,
            role: role.to_owned(),
            status: status.to_owned(),
            feature_access: "\"all\"".to_owned(),
            resource_access: "\"all\"".to_owned(),
            joined_at: at(minutes_ago),
            invited_by: (i > 0).then(|| owner.id.clone()),
        };
        if i > 0 {
            let after = serde_json::json!({ "email": member.email, "role": role });
            events.push(event(
                actions::MEMBER_JOINED,
                &member.id,
                after,
                at(minutes_ago),
            ));
        }
        if status == "deactivated" {
            let after = serde_json::json!({ "status": "deactivated" });
            events.push(event(
                actions::MEMBER_UPDATED,
                &member.id,
                after,
                at(minutes_ago - 3),
            ));
        }
        members.push(member);
    }

    let pending = (count / 20).clamp(3, 5_000);
    let mut invitations = Vec::with_capacity(pending);
    for i in 0..pending {
        let email = format!("invitee{}@{domain}", i + 1);
        let role = if i % 4 == 0 { "editor" } else { "viewer" };
        let member = MemberRecord {
            id: new_id("mem"),
            workspace_id: workspace.id.clone(),
            user_id: None,
            api_key_id: None,
            name: format!("invitee{}", i + 1),
            email: email.clone(),
            role: role.to_owned(),
            status: "invited".to_owned(),
            feature_access: "\"all\"".to_owned(),
            resource_access: "\"all\"".to_owned(),
            joined_at: at(i as i64),
            invited_by: Some(owner.id.clone()),
        };
        let after = serde_json::json!({ "email": email, "role": role });
        events.push(event(
            actions::MEMBER_INVITED,
            &member.id,
            after,
            at(i as i64),
        ));
        invitations.push(Invitation {
            id: new_id("inv"),
            workspace_id: workspace.id.clone(),
            member_id: member.id.clone(),
            email,
            role: role.to_owned(),
            token_hash: hash_token(&new_token()),
            status: "pending".to_owned(),
            expires_at: store::time_text(now + chrono::Duration::days(7)),
            invited_by: Some(owner.id.clone()),
            created_at: at(i as i64),
            workspace_name: workspace.name.clone(),
            workspace_status: workspace.status.clone(),
        });
        members.push(member);
    }

    bulk::begin_bulk_load(&mut tx).await?;
    bulk::insert_users(&mut tx, &new_users, &workspace.created_at).await?;
    bulk::insert_members(&mut tx, &members).await?;
    bulk::insert_invitations(&mut tx, &invitations).await?;
    bulk::insert_audit_events(&mut tx, &events).await?;
    bulk::end_bulk_load(&mut tx).await?;
    tx.commit().await?;
    bulk::refresh_statistics(&state.db).await?;
    report.created = true;
    report.workspace_id = workspace.id;
    report.members = count as u32;
    report.invitations = pending as u32;
    report.audit_events = events.len() as u32;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_domain_is_a_slug_of_the_workspace_name() {
        assert_eq!(demo_domain("Acme Analytics"), "acme-analytics.example");
        assert_eq!(demo_domain("  Ünïcode & Co "), "n-code-co.example");
        assert_eq!(demo_domain("!!!"), "demo.example");
    }

    #[test]
    fn demo_people_are_unique_well_past_the_name_combinations() {
        let n = FIRST.len() * LAST.len() * 3;
        let locals: std::collections::HashSet<_> = (0..n).map(|i| person(i).1).collect();
        assert_eq!(locals.len(), n);
    }
}
