//! One client's workspace: the people it drives, what every acknowledged
//! (2xx) write says the state must be, and the random write it does next.
//! Only this client writes to its workspace, so its log of acknowledged
//! writes fully predicts the state, except for a write cut off by the kill
//! (then the touched people are "uncertain" until the next resync).

use rand::Rng as _;
use rand::rngs::StdRng;
use rand::seq::SliceRandom as _;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};

/// One signed-in user: cookies and the CSRF token.
pub struct Person {
    pub email: String,
    pub client: reqwest::Client,
    pub csrf: String,
}

/// A transport failure: `sent` is false when the request surely never left.
pub struct Cut {
    pub sent: bool,
}

impl Person {
    /// An unsafe (or safe) request with the CSRF header; the status and body.
    pub async fn call(
        &self,
        base: &str,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<(u16, Value), Cut> {
        let mut req = self
            .client
            .request(method, format!("{base}/api/v1{path}"))
            .header("x-csrf-token", &self.csrf);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.map_err(|e| Cut {
            sent: !e.is_connect(),
        })?;
        let status = res.status().as_u16();
        let body = res.bytes().await.map_err(|_| Cut { sent: true })?;
        Ok((status, serde_json::from_slice(&body).unwrap_or(Value::Null)))
    }
}

/// What must be true of one person in the workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    pub role: String,
    pub status: String,
}

/// A known member: the expectation plus the ids to act on it.
#[derive(Debug, Clone)]
pub struct Known {
    pub is: Membership,
    pub member_id: Option<String>,
    pub invitation_id: Option<String>,
}

/// One client's workspace and its people (index 0 created it).
pub struct Workspace {
    pub id: String,
    pub people: Vec<Person>,
    pub name: String,
    pub name_uncertain: bool,
    /// Person index → membership; absent means not a member.
    pub members: BTreeMap<usize, Known>,
    pub uncertain: BTreeSet<usize>,
    /// Writes answered 2xx so far (each one must have left an audit event).
    pub acknowledged: u64,
    /// Writes refused although the model said they were valid.
    pub refused: Vec<String>,
}

/// The next write and whom it touches.
enum Op {
    Invite(usize, &'static str),
    Accept(usize),
    Revoke(usize),
    SetRole(usize, &'static str),
    SetStatus(usize, &'static str),
    Remove(usize),
    Transfer(usize),
    Rename,
}

impl Workspace {
    fn owner(&self) -> usize {
        self.members
            .iter()
            .find(|(_, k)| k.is.role == "owner" && k.is.status == "active")
            .map_or(0, |(p, _)| *p)
    }

    fn choose(&self, rng: &mut StdRng) -> Op {
        let mut ops = vec![Op::Rename];
        for p in 0..self.people.len() {
            match self.members.get(&p) {
                None => ops.push(Op::Invite(
                    p,
                    ["viewer", "editor", "admin"].choose(rng).copied().unwrap(),
                )),
                Some(k) if k.is.status == "invited" => {
                    ops.extend([Op::Accept(p), Op::Accept(p), Op::Revoke(p)]);
                }
                Some(k) if k.is.role == "owner" => {}
                Some(k) if k.is.status == "deactivated" => {
                    ops.extend([Op::SetStatus(p, "active"), Op::Remove(p)]);
                }
                Some(k) => {
                    let role = ["viewer", "editor", "admin"].choose(rng).copied().unwrap();
                    ops.extend([Op::SetRole(p, role), Op::SetStatus(p, "deactivated")]);
                    if rng.gen_bool(0.3) {
                        ops.push(Op::Remove(p));
                    }
                    if k.is.role == "admin" {
                        ops.push(Op::Transfer(p));
                    }
                }
            }
        }
        ops.swap_remove(rng.gen_range(0..ops.len()))
    }

    fn member_id(&self, p: usize) -> String {
        self.members[&p]
            .member_id
            .clone()
            .expect("a known member id")
    }

    /// Does one random write; `Err` when the server went away.
    pub async fn step(&mut self, base: &str, rng: &mut StdRng, round: u32) -> Result<(), Cut> {
        use reqwest::Method;
        let owner = self.owner();
        let ws = self.id.clone();
        let op = self.choose(rng);
        let (actor, method, path, body, touched) = match &op {
            Op::Invite(p, role) => (
                owner,
                Method::POST,
                format!("/workspaces/{ws}/invitations"),
                Some(json!({"invites": [{"email": self.people[*p].email, "role": role}]})),
                vec![*p],
            ),
            Op::Accept(p) => {
                let inv = self.members[p]
                    .invitation_id
                    .clone()
                    .expect("invitation id");
                (
                    *p,
                    Method::POST,
                    format!("/invitations/{inv}/accept"),
                    Some(json!({})),
                    vec![*p],
                )
            }
            Op::Revoke(p) => {
                let inv = self.members[p]
                    .invitation_id
                    .clone()
                    .expect("invitation id");
                (
                    owner,
                    Method::DELETE,
                    format!("/workspaces/{ws}/invitations/{inv}"),
                    None,
                    vec![*p],
                )
            }
            Op::SetRole(p, role) => (
                owner,
                Method::PATCH,
                format!("/workspaces/{ws}/members/{}", self.member_id(*p)),
                Some(json!({"role": role})),
                vec![*p],
            ),
            Op::SetStatus(p, status) => (
                owner,
                Method::PATCH,
                format!("/workspaces/{ws}/members/{}", self.member_id(*p)),
                Some(json!({"status": status})),
                vec![*p],
            ),
            Op::Remove(p) => (
                owner,
                Method::DELETE,
                format!("/workspaces/{ws}/members/{}", self.member_id(*p)),
                None,
                vec![*p],
            ),
            Op::Transfer(p) => (
                owner,
                Method::POST,
                format!("/workspaces/{ws}/ownership-transfer"),
                Some(json!({"member_id": self.member_id(*p), "confirm": true})),
                vec![*p, owner],
            ),
            Op::Rename => (
                owner,
                Method::PATCH,
                format!("/workspaces/{ws}"),
                Some(
                    json!({"name": format!("{} r{round}", self.name.split(" r").next().unwrap_or("W"))}),
                ),
                vec![],
            ),
        };
        let sent_name = body
            .as_ref()
            .and_then(|b| b["name"].as_str())
            .map(str::to_owned);
        let (status, answer) = match self.people[actor]
            .call(base, method.clone(), &path, body)
            .await
        {
            Ok(answer) => answer,
            Err(cut) => {
                if cut.sent {
                    self.uncertain.extend(touched);
                    self.name_uncertain |= matches!(op, Op::Rename);
                }
                return Err(cut);
            }
        };
        assert!(status < 500, "{method} {path} answered {status}: {answer}");
        if !(200..300).contains(&status) {
            self.refused
                .push(format!("{method} {path} → {status} {answer}"));
            return Ok(());
        }
        self.acknowledged += 1;
        let set = |ws: &mut Self, p: usize, role: &str, status: &str| {
            let k = ws.members.get_mut(&p).expect("a member");
            k.is = Membership {
                role: role.to_owned(),
                status: status.to_owned(),
            };
        };
        match op {
            Op::Invite(p, role) => {
                let row = &answer["results"][0];
                if row["status"] != "invited" {
                    self.acknowledged -= 1;
                    self.refused
                        .push(format!("invite {}: {row}", self.people[p].email));
                    return Ok(());
                }
                self.members.insert(
                    p,
                    Known {
                        is: Membership {
                            role: role.to_owned(),
                            status: "invited".to_owned(),
                        },
                        member_id: None,
                        invitation_id: row["invitation_id"].as_str().map(str::to_owned),
                    },
                );
            }
            Op::Accept(p) => {
                let k = self.members.get_mut(&p).expect("an invitee");
                k.is.status = "active".to_owned();
                k.member_id = answer["member_id"].as_str().map(str::to_owned);
                k.invitation_id = None;
            }
            Op::Revoke(p) | Op::Remove(p) => {
                self.members.remove(&p);
            }
            Op::SetRole(p, role) => {
                let status = self.members[&p].is.status.clone();
                set(self, p, role, &status);
            }
            Op::SetStatus(p, status) => {
                let role = self.members[&p].is.role.clone();
                set(self, p, &role, status);
            }
            Op::Transfer(p) => {
                set(self, p, "owner", "active");
                set(self, owner, "admin", "active");
            }
            Op::Rename => self.name = sent_name.expect("a name was sent"),
        }
        Ok(())
    }
}
