//! The authorization API's use case: parse each question, read the asker's
//! standing and (once the model lets them ask) the subject's membership on
//! one read connection, and let `roster_model::answer` decide and
//! `Verdict` word the answer.

use super::Caller;
use super::access::{self, Standing};
use crate::error::AppError;
use crate::state::AppState;
use crate::store::members;
use roster_api::{AuthorizeRequest, FieldError, MAX_BATCH_CHECKS};
use roster_model::{
    Action, Actor, Denied, FeatureKey, Permission, ResourceId, ResourceRef, Verdict, answer,
    may_ask_about_others,
};
use std::collections::HashMap;

/// The longest workspace or principal id a question may name.
const MAX_ID: usize = 64;
/// The longest resource id.
const MAX_RESOURCE: usize = roster_model::ResourceAccess::MAX_ID;

/// One validated question.
#[derive(Debug, Clone)]
pub struct Question {
    workspace_id: String,
    principal: Option<String>,
    action: Action,
}

/// The decision (`Ok`) or why the question itself was refused (`Err`: 403 or
/// 404, as `POST /authorize` answers it).
pub type Answer = Result<Verdict, Denied>;

/// Checks one question's fields; errors name the fields under `prefix`
/// (empty for `POST /authorize`, `checks[i].` in a batch).
pub fn parse(req: &AuthorizeRequest, prefix: &str) -> Result<Question, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut fail = |field: &str, message: &str| {
        errors.push(FieldError {
            field: format!("{prefix}{field}"),
            message: message.to_owned(),
        });
    };
    let id_ok =
        |s: &str| !s.is_empty() && s.chars().count() <= MAX_ID && !s.chars().any(char::is_control);
    if !id_ok(&req.workspace_id) {
        fail("workspace_id", "Name the workspace by its id.");
    }
    if req.principal.as_deref().is_some_and(|p| !id_ok(p)) {
        fail(
            "principal",
            "Name the principal by a member id or a user id, or leave it out to ask about yourself.",
        );
    }
    let permission = Permission::parse(&req.action);
    if permission.is_none() {
        fail(
            "action",
            "Not a permission of Roster's catalogue; use a name such as members:invite.",
        );
    }
    let resource = req.resource.as_deref().map(|r| {
        let n = r.chars().count();
        if n == 0 || n > MAX_RESOURCE || r.chars().any(char::is_control) {
            fail(
                "resource",
                "Resource ids are 1–200 characters without control characters.",
            );
        }
        ResourceRef::Plain {
            id: ResourceId::new(r),
        }
    });
    let feature = req
        .feature
        .as_deref()
        .and_then(|f| match FeatureKey::parse(f) {
            Ok(key) => Some(key),
            Err(e) => {
                fail("feature", &e.to_string());
                None
            }
        });
    match permission {
        Some(permission) if errors.is_empty() => Ok(Question {
            workspace_id: req.workspace_id.clone(),
            principal: req.principal.clone(),
            action: Action::Use {
                permission,
                feature,
                resource,
            },
        }),
        _ => Err(errors),
    }
}

/// Checks a batch: 1–`MAX_BATCH_CHECKS` questions, each one's errors named
/// `checks[i].field`.
pub fn parse_batch(checks: &[AuthorizeRequest]) -> Result<Vec<Question>, Vec<FieldError>> {
    if checks.is_empty() || checks.len() > MAX_BATCH_CHECKS {
        return Err(vec![FieldError {
            field: "checks".to_owned(),
            message: format!("Ask 1–{MAX_BATCH_CHECKS} questions per batch."),
        }]);
    }
    let mut questions = Vec::with_capacity(checks.len());
    let mut errors = Vec::new();
    for (i, check) in checks.iter().enumerate() {
        match parse(check, &format!("checks[{i}].")) {
            Ok(q) => questions.push(q),
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(questions)
    } else {
        Err(errors)
    }
}

/// Answers `questions` in order, on one read connection.
pub async fn decide(
    state: &AppState,
    caller: &Caller,
    questions: &[Question],
) -> Result<Vec<Answer>, AppError> {
    let mut tx = state.db.read().await?;
    let mut standings: HashMap<&str, Standing> = HashMap::new();
    let mut answers = Vec::with_capacity(questions.len());
    for q in questions {
        if !standings.contains_key(q.workspace_id.as_str()) {
            let s = access::standing(&mut tx, &q.workspace_id, &caller.user_id).await?;
            standings.insert(&q.workspace_id, s);
        }
        let s = &standings[q.workspace_id.as_str()];
        let other = match (&q.principal, &s.me) {
            (Some(p), Some(me)) if *p != me.id && me.user_id.as_deref() != Some(p) => Some(p),
            _ => None,
        };
        // Who may ask about others is decided before the subject is read.
        if other.is_some()
            && let Err(refused) = may_ask_about_others(&s.actor, &s.facts)
        {
            answers.push(Err(refused));
            continue;
        }
        let subject = match other {
            Some(p) => {
                let found = match members::find_member(&mut tx, &q.workspace_id, p).await? {
                    Some(m) => Some(m),
                    None => members::find_member_of_user(&mut tx, &q.workspace_id, p).await?,
                };
                Some(match found {
                    Some(m) => Actor::Member(access::model_member(&m)?),
                    None => Actor::NonMember,
                })
            }
            None => None,
        };
        answers.push(
            answer(&s.actor, subject.as_ref(), &q.action, &s.facts)
                .map(|decided| Verdict::of(&decided, subject.is_some())),
        );
    }
    tx.commit().await?;
    Ok(answers)
}
