//! The authorization matrix over HTTP: every kind of caller × every endpoint
//! variant × every target × the facts that matter (a second owner or the
//! last one, archived or not) × own workspace or another tenant's. Each case
//! calls the real endpoint and compares status, problem code and effect with
//! what `roster_model::authorize` says. Grows with every endpoint and
//! principal kind that lands.

mod calls;
mod cases;
mod world;

use crate::support::TestApp;
use cases::{Expect, Op, Target};
use futures_util::StreamExt as _;
use roster_server::Db;
use std::collections::HashMap;
use world::{ActorKind, People, Slot, Variant, World};

/// One case of the matrix.
#[derive(Clone, Copy, Debug)]
struct Case {
    actor: ActorKind,
    variant: Variant,
    foreign: bool,
    op: Op,
}

fn variants() -> [Variant; 4] {
    [(false, false), (true, false), (false, true), (true, true)].map(|(second_owner, archived)| {
        Variant {
            second_owner,
            archived,
        }
    })
}

fn all_cases() -> Vec<Case> {
    let mut all = Vec::new();
    for actor in ActorKind::all() {
        for variant in variants() {
            for foreign in [false, true] {
                let mut targets = Vec::new();
                if matches!(actor, ActorKind::Member(..)) && !foreign {
                    targets.push(Slot::Actor);
                }
                targets.push(Slot::Owner);
                if variant.second_owner {
                    targets.push(Slot::Owner2);
                }
                targets.extend([
                    Slot::Admin,
                    Slot::Editor,
                    Slot::Viewer,
                    Slot::Deactivated,
                    Slot::Invited,
                ]);
                let mut ops = Op::plain();
                for t in targets
                    .into_iter()
                    .map(Target::Slot)
                    .chain([Target::Elsewhere])
                {
                    ops.extend(Op::on(t));
                }
                all.extend(ops.into_iter().map(|op| Case {
                    actor,
                    variant,
                    foreign,
                    op,
                }));
            }
        }
    }
    all
}

/// Everything a call could change in one workspace, as comparable lines.
async fn snapshot(db: &Db, ws: &str) -> Vec<String> {
    const SQL: &str = "\
        SELECT 'w:' || name || ':' || status || ':' || description FROM workspaces WHERE id = $1 \
        UNION ALL SELECT 'm:' || id || ':' || role || ':' || status || ':' || feature_access \
            || ':' || resource_access FROM members WHERE workspace_id = $1 \
        UNION ALL SELECT 'i:' || id || ':' || status || ':' || token_hash FROM invitations \
            WHERE workspace_id = $1 \
        UNION ALL SELECT 'c:' || key || ':' || value FROM workspace_config WHERE workspace_id = $1 \
        UNION ALL SELECT 'a:' || CAST(COUNT(*) AS TEXT) FROM audit_events WHERE workspace_id = $1 \
        ORDER BY 1";
    match db {
        Db::Sqlite(p, ..) => sqlx::query_scalar(SQL).bind(ws).fetch_all(p).await.unwrap(),
        Db::Postgres(p, ..) => sqlx::query_scalar(SQL).bind(ws).fetch_all(p).await.unwrap(),
    }
}

struct Ctx {
    app: TestApp,
    people: People,
    anonymous: reqwest::Client,
    shared: HashMap<(ActorKind, Variant), World>,
    foreign: HashMap<Variant, World>,
}

/// Runs one case; `Err` describes a mismatch.
async fn run(ctx: &Ctx, n: usize, case: Case) -> Result<(), String> {
    let Case {
        actor,
        variant,
        foreign,
        op,
    } = case;
    let own = &ctx.shared[&(actor, variant)];
    let (mut world, elsewhere) = if foreign {
        (ctx.foreign[&variant].clone(), own)
    } else {
        (own.clone(), &ctx.foreign[&variant])
    };
    let expected = cases::expect(op, actor, &world, foreign);
    if matches!(expected, Expect::Allowed { .. }) && op.writes() && !foreign {
        world = world::build(&ctx.app, &ctx.people, actor, variant, false).await;
    }
    let call = calls::call(op, &world, elsewhere, n);
    let before = snapshot(&ctx.app.db, &world.ws).await;
    let url = format!("{}/api/v1{}", ctx.app.base, call.path);
    let request = match actor {
        ActorKind::Anonymous => ctx.anonymous.request(call.method.clone(), url),
        ActorKind::FirstOwner => ctx.people.owner.request(call.method.clone(), &call.path),
        ActorKind::NonMember => ctx.people.outsider.request(call.method.clone(), &call.path),
        ActorKind::Member(r, s) => {
            ctx.people.actors[&(r, s)].request(call.method.clone(), &call.path)
        }
    };
    let request = match &call.body {
        Some(b) => request.json(b),
        None => request,
    };
    let res = request.send().await.map_err(|e| e.to_string())?;
    let status = res.status().as_u16();
    let text = res.text().await.unwrap_or_default();
    let after = snapshot(&ctx.app.db, &world.ws).await;
    let what = format!(
        "{actor:?} {variant:?} foreign={foreign} {op:?}: {} {}",
        call.method, call.path
    );
    match expected {
        Expect::Refused { status: want, code } => {
            let got: Option<String> = serde_json::from_str::<serde_json::Value>(&text)
                .ok()
                .and_then(|v| v["code"].as_str().map(str::to_owned));
            if status != want || got.as_deref() != Some(code.as_str()) {
                return Err(format!(
                    "{what}: model refuses {want} {code}, server said {status} {text}"
                ));
            }
            if before != after {
                return Err(format!("{what}: refused, yet state changed"));
            }
        }
        Expect::Allowed {
            row_invited,
            decision,
        } => {
            if !(200..300).contains(&status) {
                return Err(format!("{what}: model allows, server said {status} {text}"));
            }
            if let Some((allowed, reason)) = decision {
                let got: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
                if got["allowed"] != allowed || got["reason"] != reason.as_str() {
                    return Err(format!(
                        "{what}: model decides allowed = {allowed} ({reason}), server {text}"
                    ));
                }
            }
            let changed = before != after;
            let must_change = match (op, row_invited) {
                (Op::Invite(_), Some(invited)) => {
                    let row: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
                    if (row["results"][0]["status"] == "invited") != invited {
                        return Err(format!(
                            "{what}: model says row invited = {invited}, server {text}"
                        ));
                    }
                    invited
                }
                _ => op.writes(),
            };
            if changed != must_change {
                return Err(format!(
                    "{what}: allowed; state changed = {changed}, expected {must_change}"
                ));
            }
        }
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_caller_on_every_endpoint_gets_what_the_model_says() {
    let app = TestApp::spawn().await;
    let people = People::sign_up(&app).await;
    let mut shared = HashMap::new();
    let mut foreign = HashMap::new();
    for variant in variants() {
        for actor in ActorKind::all() {
            shared.insert(
                (actor, variant),
                world::build(&app, &people, actor, variant, false).await,
            );
        }
        foreign.insert(
            variant,
            world::build(&app, &people, ActorKind::NonMember, variant, true).await,
        );
    }
    let ctx = Ctx {
        app,
        people,
        anonymous: reqwest::Client::new(),
        shared,
        foreign,
    };
    let cases = all_cases();
    let total = cases.len();
    let allowed = cases
        .iter()
        .filter(|c| {
            let world = if c.foreign {
                &ctx.foreign[&c.variant]
            } else {
                &ctx.shared[&(c.actor, c.variant)]
            };
            matches!(
                cases::expect(c.op, c.actor, world, c.foreign),
                Expect::Allowed { .. }
            )
        })
        .count();
    println!(
        "authorization matrix: {total} cases, {allowed} allowed by the model, {} refused",
        total - allowed
    );
    assert!(
        allowed > 300 && total - allowed > 1_000,
        "the matrix must exercise both answers"
    );
    let ctx = &ctx;
    let failures: Vec<String> = futures_util::stream::iter(cases.into_iter().enumerate())
        .map(|(n, case)| async move { run(ctx, n, case).await })
        .buffer_unordered(8)
        .filter_map(|r| async move { r.err() })
        .collect()
        .await;
    println!(
        "authorization matrix: {} of {total} cases match the model",
        total - failures.len()
    );
    if let Ok(file) = std::env::var("ROSTER_MATRIX_REPORT") {
        std::fs::write(file, failures.join("\n")).unwrap();
    }
    assert!(total >= 10_000, "the matrix has only {total} cases");
    assert!(
        failures.is_empty(),
        "{} of {total} cases differ from the model; first ones:\n{}",
        failures.len(),
        failures
            .iter()
            .take(25)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
