//! Crash safety: the real server binary under a random write workload from
//! a few concurrent clients, killed with SIGKILL at random moments. After
//! every restart the SQLite file is intact, PRODUCT.md's rules hold, and
//! every write that was answered 2xx before the kill is still there.
//!
//! `ROSTER_CRASH_ROUNDS=n` sets the number of kills (default 50;
//! `ROSTER_LONG=1` makes it 200), `ROSTER_CRASH_SEED=s` replays the choices.

mod model;
mod server;

use model::{Known, Membership, Person, Workspace};
use rand::rngs::StdRng;
use rand::{Rng as _, SeedableRng as _};
use serde_json::{Value, json};
use server::Deployment;
use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

const CLIENTS: usize = 4;
const PEOPLE: usize = 5;
const PASSWORD: &str = "correct horse battery";

fn rounds() -> u32 {
    let long = std::env::var("ROSTER_LONG").is_ok_and(|v| !v.is_empty() && v != "0");
    std::env::var("ROSTER_CRASH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if long { 200 } else { 50 })
}

fn seed() -> u64 {
    std::env::var("ROSTER_CRASH_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
            now.map_or(7, |d| d.as_nanos() as u64)
        })
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .timeout(Duration::from_secs(15))
        .build()
        .unwrap()
}

async fn signup(base: &str, email: String) -> Person {
    let client = client();
    let res = client
        .post(format!("{base}/api/v1/auth/signup"))
        .json(&json!({"email": email, "password": PASSWORD, "name": email}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201, "signup {email}");
    let body: Value = res.json().await.unwrap();
    let csrf = body["csrf_token"].as_str().unwrap().to_owned();
    Person {
        email,
        client,
        csrf,
    }
}

async fn setup(base: &str, run: u64) -> Vec<Workspace> {
    let mut workspaces = Vec::new();
    for c in 0..CLIENTS {
        let mut people = Vec::new();
        for p in 0..PEOPLE {
            people.push(signup(base, format!("c{c}-p{p}-{run}@crash-test.com")).await);
        }
        let name = format!("Crash {c}");
        let (status, ws) = people[0]
            .call(
                base,
                reqwest::Method::POST,
                "/workspaces",
                Some(json!({"name": name, "region": "eu-central-1"})),
            )
            .await
            .unwrap_or_else(|_| panic!("creating a workspace"));
        assert_eq!(status, 201, "{ws}");
        let mut members = BTreeMap::new();
        members.insert(
            0,
            Known {
                is: Membership {
                    role: "owner".into(),
                    status: "active".into(),
                },
                member_id: None,
                invitation_id: None,
            },
        );
        workspaces.push(Workspace {
            id: ws["id"].as_str().unwrap().to_owned(),
            people,
            name,
            name_uncertain: false,
            members,
            uncertain: BTreeSet::new(),
            acknowledged: 0,
            refused: Vec::new(),
        });
    }
    workspaces
}

/// Reads one workspace back through the API and the database, checks it
/// against the acknowledged writes and the rules, and adopts what it found.
async fn verify(base: &str, db: &roster_server::Db, w: &mut Workspace, at: &str) {
    use reqwest::Method;
    let ws = w.id.clone();
    let mut readers: Vec<usize> = w.members.keys().copied().collect();
    readers.extend(0..w.people.len());
    let mut found = None;
    for p in readers {
        let path = format!("/workspaces/{ws}/members?limit=200");
        let (s, list) = w.people[p]
            .call(base, Method::GET, &path, None)
            .await
            .ok()
            .unwrap();
        let (s2, invs) = w.people[p]
            .call(
                base,
                Method::GET,
                &format!("/workspaces/{ws}/invitations"),
                None,
            )
            .await
            .ok()
            .unwrap();
        let (s3, detail) = w.people[p]
            .call(base, Method::GET, &format!("/workspaces/{ws}"), None)
            .await
            .ok()
            .unwrap();
        if (s, s2, s3) == (200, 200, 200) {
            found = Some((list, invs, detail));
            break;
        }
    }
    let (list, invs, detail) = found.unwrap_or_else(|| panic!("{at}: nobody can read {ws}"));
    let items = list["items"].as_array().unwrap();
    let pending: Vec<&Value> = invs["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["status"] == "pending")
        .collect();
    // Rule 1: at least one active owner (through the API and in the database).
    let owners = items
        .iter()
        .filter(|m| m["role"] == "owner" && m["status"] == "active")
        .count();
    assert!(owners >= 1, "{at}: {ws} has no active owner: {list}");
    let mut tx = db.read().await.unwrap();
    let db_owners = roster_server::store::members::count_active_owners(&mut tx, &ws)
        .await
        .unwrap();
    let audit = roster_server::store::audit::count_audit_events(&mut tx, &ws)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert!(
        db_owners >= 1,
        "{at}: {ws} has no active owner in the database"
    );
    // Rule 7: every acknowledged change left an audit event.
    assert!(
        u64::try_from(audit).unwrap() >= w.acknowledged,
        "{at}: {ws}: {audit} audit events for {} acknowledged writes",
        w.acknowledged
    );
    // One member row per person; invited ⇔ exactly one pending invitation.
    let emails: BTreeSet<&str> = items.iter().filter_map(|m| m["email"].as_str()).collect();
    assert_eq!(emails.len(), items.len(), "{at}: a person twice in {list}");
    for m in items {
        let invitations = pending.iter().filter(|i| i["member_id"] == m["id"]).count();
        let invited = usize::from(m["status"] == "invited");
        assert_eq!(
            invitations, invited,
            "{at}: {m} has {invitations} pending invitations"
        );
    }
    assert_eq!(
        pending.len(),
        items.iter().filter(|m| m["status"] == "invited").count()
    );
    // Every acknowledged write is present.
    let mut actual = BTreeMap::new();
    for (p, person) in w.people.iter().enumerate() {
        let Some(m) = items.iter().find(|m| m["email"] == person.email.as_str()) else {
            continue;
        };
        let invitation_id = pending
            .iter()
            .find(|i| i["member_id"] == m["id"])
            .and_then(|i| i["id"].as_str().map(str::to_owned));
        let is = Membership {
            role: m["role"].as_str().unwrap().to_owned(),
            status: m["status"].as_str().unwrap().to_owned(),
        };
        let member_id = m["id"].as_str().map(str::to_owned);
        actual.insert(
            p,
            Known {
                is,
                member_id,
                invitation_id,
            },
        );
    }
    for p in 0..w.people.len() {
        if w.uncertain.contains(&p) {
            continue;
        }
        let want = w.members.get(&p).map(|k| &k.is);
        let got = actual.get(&p).map(|k| &k.is);
        assert_eq!(
            got, want,
            "{at}: {ws}: {} after the restart",
            w.people[p].email
        );
    }
    let name = detail["name"].as_str().unwrap().to_owned();
    if !w.name_uncertain {
        assert_eq!(name, w.name, "{at}: {ws}: the acknowledged rename is lost");
    }
    w.members = actual;
    w.name = name;
    w.uncertain.clear();
    w.name_uncertain = false;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_kill_9_and_the_rules_still_hold() {
    let seed = seed();
    let rounds = rounds();
    eprintln!("crash test: seed {seed} (ROSTER_CRASH_SEED={seed} replays), {rounds} kills");
    let started = Instant::now();
    let mut rng = StdRng::seed_from_u64(seed);
    let tmp = tempfile::tempdir().unwrap();
    let deployment = Deployment::new(tmp.path()).await;
    let probe = reqwest::Client::new();
    let server = deployment.start(&probe).await;
    let mut workspaces = setup(&server.base, seed % 1_000_000).await;
    let mut clients: Vec<StdRng> = (0..CLIENTS)
        .map(|_| StdRng::seed_from_u64(rng.r#gen()))
        .collect();
    let db = roster_server::Db::connect(&deployment.database_url)
        .await
        .unwrap();
    let mut server = Some(server);
    // Writes in flight at a kill: their outcome may go either way.
    let mut cut = 0;
    for round in 0..=rounds {
        let live = match server.take() {
            Some(s) => s,
            None => deployment.start(&probe).await,
        };
        let at = format!("seed {seed}, after kill {round}");
        for w in &mut workspaces {
            verify(&live.base, &db, w, &at).await;
        }
        if round == rounds {
            live.kill();
            break;
        }
        let mut tasks = Vec::new();
        for (mut w, mut r) in workspaces.drain(..).zip(clients.drain(..)) {
            let base = live.base.clone();
            tasks.push(tokio::spawn(async move {
                while w.step(&base, &mut r, round).await.is_ok() {}
                (w, r)
            }));
        }
        tokio::time::sleep(Duration::from_millis(rng.gen_range(0..300))).await;
        live.kill();
        for t in tasks {
            let (w, r) = t
                .await
                .unwrap_or_else(|e| panic!("seed {seed}: a client failed: {e}"));
            workspaces.push(w);
            clients.push(r);
        }
        cut += workspaces
            .iter()
            .filter(|w| !w.uncertain.is_empty() || w.name_uncertain)
            .count();
        deployment.settle().await;
        let problems = deployment.sqlite_problems().await;
        assert!(
            problems.is_empty(),
            "{at}: the SQLite file is damaged: {problems:?}"
        );
    }
    db.close().await;
    let acknowledged: u64 = workspaces.iter().map(|w| w.acknowledged).sum();
    let refused: Vec<&String> = workspaces.iter().flat_map(|w| &w.refused).collect();
    eprintln!(
        "crash test: {rounds} kills, {acknowledged} acknowledged writes checked, \
         {cut} writes cut in flight, {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(
        acknowledged >= u64::from(rounds),
        "seed {seed}: too few writes got through"
    );
    assert!(
        refused.is_empty(),
        "seed {seed}: valid writes refused: {refused:#?}"
    );
}
