//! Loading what `roster_model::authorize` needs, inside the caller's
//! transaction: the actor (the caller's membership, as a model `Member`) and
//! the facts (name, archived, active owners). Decisions stay in the model.

use crate::error::AppError;
use crate::store::Tx;
use crate::store::members::MemberRecord;
use crate::store::standing::{self, Found};
use crate::store::workspaces::Workspace;
use anyhow::Context as _;
use roster_model::{
    Actor, ApiKeyId, Facts, FeatureAccess, Member, MemberId, MemberStatus, Principal,
    ResourceAccess, Role, RoleCatalogue, UserId,
};

/// The caller's standing in one workspace.
#[derive(Debug)]
pub struct Standing {
    /// The workspace (absent when it does not exist or was deleted).
    pub workspace: Option<Workspace>,
    /// The caller's member row.
    pub me: Option<MemberRecord>,
    /// The caller as the model sees them.
    pub actor: Actor,
    /// What the model needs to know about the workspace.
    pub facts: Facts,
}

impl Standing {
    /// The workspace; only call after `authorize` allowed something (a
    /// non-member or a missing workspace is refused before).
    pub fn workspace(&self) -> Result<&Workspace, AppError> {
        self.workspace.as_ref().ok_or(AppError::NotFound)
    }

    /// The caller's member row, under the same condition.
    pub fn me(&self) -> Result<&MemberRecord, AppError> {
        self.me.as_ref().ok_or(AppError::NotFound)
    }
}

/// The role a stored key names (built-ins; custom roles come later).
pub fn role_of(key: &str) -> Result<Role, AppError> {
    RoleCatalogue::default()
        .resolve_str(key)
        .with_context(|| format!("unknown stored role {key:?}"))
        .map_err(AppError::Internal)
}

/// Parses a stored status (the inverse of [`status_text`]) as the wire
/// form does, without copying it.
pub fn status_of(text: &str) -> Result<MemberStatus, AppError> {
    use serde::Deserialize as _;
    use serde::de::IntoDeserializer as _;
    use serde::de::value::{Error, StrDeserializer};
    let stored: StrDeserializer<'_, Error> = text.into_deserializer();
    MemberStatus::deserialize(stored)
        .with_context(|| format!("unknown stored member status {text:?}"))
        .map_err(AppError::Internal)
}

/// The wire/storage word of a status.
pub fn status_text(status: MemberStatus) -> &'static str {
    match status {
        MemberStatus::Active => "active",
        MemberStatus::Invited => "invited",
        MemberStatus::Deactivated => "deactivated",
    }
}

/// A stored member as the model's `Member`.
pub fn model_member(m: &MemberRecord) -> Result<Member, AppError> {
    let principal = match (&m.user_id, &m.api_key_id) {
        (Some(u), _) => Principal::User(UserId::new(u.as_str())),
        (None, Some(k)) => Principal::ApiKey(ApiKeyId::new(k.as_str())),
        // An invitee without an account yet: the model has no principal for
        // that, so stand in a user id that no account can have.
        (None, None) => Principal::User(UserId::new(format!("invitee:{}", m.id))),
    };
    let terms = member_terms(m)?;
    Ok(Member {
        id: MemberId::new(m.id.as_str()),
        principal,
        role: terms.role,
        status: terms.status,
        feature_access: terms.feature_access,
        resource_access: terms.resource_access,
    })
}

/// A stored member's role, status and access, parsed.
#[derive(Debug)]
pub struct MemberTerms {
    pub role: Role,
    pub status: MemberStatus,
    pub feature_access: FeatureAccess,
    pub resource_access: ResourceAccess,
}

/// A stored member's [`MemberTerms`]: all a team-table row shows beyond its
/// stored text, without the rest of a [`model_member`] (its ids), which a
/// page of 50 would build only to drop.
pub fn member_terms(m: &MemberRecord) -> Result<MemberTerms, AppError> {
    let feature_access: FeatureAccess = serde_json::from_str(&m.feature_access)
        .context("stored feature access")
        .map_err(AppError::Internal)?;
    let resource_access: ResourceAccess = serde_json::from_str(&m.resource_access)
        .context("stored resource access")
        .map_err(AppError::Internal)?;
    Ok(MemberTerms {
        role: role_of(&m.role)?,
        status: status_of(&m.status)?,
        feature_access,
        resource_access,
    })
}

/// Reads the caller's standing in `workspace_id` in this transaction.
pub async fn standing(
    tx: &mut Tx,
    workspace_id: &str,
    user_id: &str,
) -> Result<Standing, AppError> {
    standing_of(standing::find_standing(tx, workspace_id, user_id).await?)
}

/// The standing that a standing statement found (`None`: no such workspace).
pub fn standing_of(found: Option<Found>) -> Result<Standing, AppError> {
    let Some((ws, me, owners)) = found else {
        return Ok(Standing {
            workspace: None,
            me: None,
            actor: Actor::NonMember,
            facts: Facts::default(),
        });
    };
    let actor = match &me {
        Some(m) => Actor::Member(model_member(m)?),
        None => Actor::NonMember,
    };
    let mut facts = Facts::new(ws.name.clone(), owners);
    facts.archived = ws.status == "archived";
    Ok(Standing {
        workspace: Some(ws),
        me,
        actor,
        facts,
    })
}

/// The actor and facts only.
pub async fn load(
    tx: &mut Tx,
    workspace_id: &str,
    user_id: &str,
) -> Result<(Actor, Facts), AppError> {
    let s = standing(tx, workspace_id, user_id).await?;
    Ok((s.actor, s.facts))
}

#[cfg(test)]
mod tests {
    use super::{status_of, status_text};
    use roster_model::MemberStatus;

    #[test]
    fn stored_statuses_read_back_and_others_are_refused() {
        for status in [
            MemberStatus::Active,
            MemberStatus::Invited,
            MemberStatus::Deactivated,
        ] {
            assert_eq!(status_of(status_text(status)).unwrap(), status);
        }
        assert!(status_of("Active").is_err());
        assert!(status_of("").is_err());
    }
}
