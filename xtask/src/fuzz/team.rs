//! A team to fuzz as, made through the public API: an owner, an admin, an
//! editor and a viewer in one workspace, a pending invitation and a
//! configuration key, so generated requests reach real rows.

use super::secrets::Secrets;
use crate::served::{cookies, curl};
use anyhow::Context as _;
use serde_json::{Value, json};
use std::collections::BTreeMap;

const ROLES: [&str; 3] = ["admin", "editor", "viewer"];

/// A signed-in person: what every request of theirs carries.
pub struct Caller {
    /// The `Cookie` header value.
    pub cookie: String,
    /// The `X-CSRF-Token` header value.
    pub csrf: String,
}

/// The workspace and the ids the generated requests are pointed at.
pub struct Team {
    ws: String,
    password: String,
    callers: BTreeMap<String, Caller>,
    member_ids: BTreeMap<String, String>,
    pending_invitation: String,
}

impl Team {
    /// Signs up an owner, creates the workspace, invites and signs up one
    /// member per other role, leaves one invitation pending.
    pub fn create(base: &str, tag: &str) -> anyhow::Result<Team> {
        let api = |path: &str| format!("{base}/api/v1{path}");
        let email = |role: &str| format!("{role}-{tag}@fuzz-team.example");
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let password = format!("Pw!{tag}#{nanos:08x}");
        let owner = sign_up(&api("/auth/signup"), &email("owner"), &password)?;
        let ws = call(
            &owner,
            "POST",
            &api("/workspaces"),
            &json!({"name": format!("Fuzz {tag}"), "region": "eu-central-1"}),
        )?["id"]
            .as_str()
            .context("workspace id")?
            .to_owned();
        let mut invites: Vec<Value> = ROLES
            .iter()
            .map(|r| json!({"email": email(r), "role": r}))
            .collect();
        invites.push(json!({"email": email("pending"), "role": "viewer"}));
        let results = call(
            &owner,
            "POST",
            &api(&format!("/workspaces/{ws}/invitations")),
            &json!({ "invites": invites }),
        )?;
        let pending_invitation = results["results"][3]["invitation_id"]
            .as_str()
            .with_context(|| format!("no pending invitation in {results}"))?
            .to_owned();

        let mut callers = BTreeMap::new();
        for role in ROLES {
            let caller = sign_up(&api("/auth/signup"), &email(role), &password)?;
            let mine = get(&caller, &api("/invitations"))?;
            let id = mine["items"]
                .as_array()
                .and_then(|a| a.first())
                .and_then(|i| i["id"].as_str())
                .with_context(|| format!("no invitation for the {role}: {mine}"))?
                .to_owned();
            call(
                &caller,
                "POST",
                &api(&format!("/invitations/{id}/accept")),
                &json!({}),
            )?;
            callers.insert(role.to_owned(), caller);
        }
        call(
            &owner,
            "PUT",
            &api(&format!("/workspaces/{ws}/config/theme")),
            &json!({"value": "dark"}),
        )?;
        let members = get(&owner, &api(&format!("/workspaces/{ws}/members?limit=50")))?;
        let member_ids = members["items"]
            .as_array()
            .context("members")?
            .iter()
            .filter_map(|m| Some((m["role"].as_str()?.to_owned(), m["id"].as_str()?.to_owned())))
            .collect();
        callers.insert("owner".to_owned(), owner);
        Ok(Team {
            ws,
            password,
            callers,
            member_ids,
            pending_invitation,
        })
    }

    /// The team's secrets for the scan: the password, every session, and
    /// the invitation tokens in the workspace's outbox (read through the API,
    /// which opens what the database keeps sealed).
    pub fn collect(&self, base: &str, secrets: &mut Secrets) -> anyhow::Result<()> {
        secrets.add("password", &self.password);
        for caller in self.callers.values() {
            secrets.add_cookie(&caller.cookie);
        }
        let owner = self.caller("owner")?;
        let outbox = get(
            owner,
            &format!("{base}/api/v1/workspaces/{}/outbox?limit=50", self.ws),
        )?;
        let before = secrets.summary();
        secrets.add_tokens_in(&outbox.to_string());
        anyhow::ensure!(
            secrets.summary() != before,
            "the team's outbox shows no invitation link: {outbox}"
        );
        Ok(())
    }

    /// The signed-in member of `role`.
    pub fn caller(&self, role: &str) -> anyhow::Result<&Caller> {
        self.callers.get(role).with_context(|| format!("no {role}"))
    }

    /// Schemathesis's configuration for a run as `principal`: path
    /// parameters point at this team's rows. A member-targeted call aims at
    /// the editor (the viewer, when the editor is the caller).
    pub fn config(&self, principal: &str) -> String {
        let target = if principal == "editor" {
            "viewer"
        } else {
            "editor"
        };
        let member = self.member_ids.get(target).map_or("", String::as_str);
        format!(
            "[parameters]\n\
             \"path.ws\" = \"{}\"\n\
             \"path.member\" = \"{member}\"\n\
             \"path.id\" = \"{}\"\n\
             \"path.key\" = \"theme\"\n",
            self.ws, self.pending_invitation
        )
    }
}

fn sign_up(url: &str, email: &str, password: &str) -> anyhow::Result<Caller> {
    let body = json!({"email": email, "password": password, "name": "Fuzz Person"}).to_string();
    let headers_file = tempfile_path("signup-headers");
    let answer = curl(&[
        "-D",
        &headers_file,
        "-H",
        "content-type: application/json",
        "--data",
        &body,
        url,
    ])?;
    let headers = std::fs::read_to_string(&headers_file)?;
    let _ = std::fs::remove_file(&headers_file);
    let session: Value = serde_json::from_str(&answer).context("sign-up answer")?;
    Ok(Caller {
        cookie: cookies(&headers),
        csrf: session["csrf_token"]
            .as_str()
            .context("no csrf token")?
            .to_owned(),
    })
}

fn tempfile_path(what: &str) -> String {
    crate::root()
        .join(format!("target/fuzz/{what}-{}.txt", std::process::id()))
        .display()
        .to_string()
}

fn get(caller: &Caller, url: &str) -> anyhow::Result<Value> {
    let answer = curl(&["-H", &format!("cookie: {}", caller.cookie), url])?;
    serde_json::from_str(&answer).with_context(|| format!("GET {url}: {answer}"))
}

fn call(caller: &Caller, method: &str, url: &str, body: &Value) -> anyhow::Result<Value> {
    let answer = curl(&[
        "-X",
        method,
        "-H",
        &format!("cookie: {}", caller.cookie),
        "-H",
        &format!("x-csrf-token: {}", caller.csrf),
        "-H",
        "content-type: application/json",
        "--data",
        &body.to_string(),
        url,
    ])?;
    if answer.trim().is_empty() {
        return Ok(Value::Null);
    }
    serde_json::from_str(&answer).with_context(|| format!("{method} {url}: {answer}"))
}
