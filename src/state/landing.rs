//! What the invitation landing page offers, from what the link's lookup
//! says and who (if anyone) is signed in: sign up or in, accept now, switch
//! account, open the workspace, or why the invitation is closed.

use roster_api::{InvitationPreviewResponse, MeResponse};

/// The landing page's state for an invitation that was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Landing {
    /// Open, nobody signed in: create an account or sign in.
    SignedOut,
    /// Open, signed in with the invited address: accept at once.
    Accept,
    /// Open, signed in with another address (shown): switch account.
    OtherAccount(String),
    /// Signed in and an active member of the workspace: open it.
    Member,
    /// The invitation cannot be used, and why.
    Closed(&'static str),
}

/// The state for `invite` with `me` signed in (or nobody).
pub fn landing(invite: &InvitationPreviewResponse, me: Option<&MeResponse>) -> Landing {
    if let Some(me) = me
        && me
            .workspaces
            .iter()
            .any(|w| w.id == invite.workspace_id && w.status == "active")
    {
        return Landing::Member;
    }
    let closed = match invite.status.as_str() {
        "pending" => None,
        "expired" => {
            Some("This invitation has expired. Ask the person who invited you to send a new one.")
        }
        "archived" => Some(
            "This workspace is archived and takes no new members. Ask the person who invited you.",
        ),
        "declined" => {
            Some("This invitation was declined. If you want to join after all, ask for a new one.")
        }
        "accepted" => Some(
            "This invitation has already been used. Sign in with the invited address to open the workspace.",
        ),
        _ => Some(
            "This invitation was withdrawn. Ask the person who invited you if you still need access.",
        ),
    };
    if let Some(why) = closed {
        return Landing::Closed(why);
    }
    match me {
        None => Landing::SignedOut,
        Some(me) if me.user.email.eq_ignore_ascii_case(&invite.email) => Landing::Accept,
        Some(me) => Landing::OtherAccount(me.user.email.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use roster_api::{MyWorkspaceResponse, UserResponse};

    fn invite(status: &str) -> InvitationPreviewResponse {
        InvitationPreviewResponse {
            workspace_id: "ws_1".into(),
            workspace_name: "Acme".into(),
            email: "tom@acme.com".into(),
            role: "editor".into(),
            inviter_name: Some("Olga".into()),
            status: status.into(),
            expires_at: "2026-12-01T00:00:00Z".into(),
        }
    }

    fn me(email: &str, workspaces: &[&str]) -> MeResponse {
        MeResponse {
            user: UserResponse {
                id: "u1".into(),
                email: email.into(),
                name: "Tom".into(),
                avatar_url: None,
            },
            workspaces: workspaces
                .iter()
                .map(|id| MyWorkspaceResponse {
                    id: (*id).into(),
                    name: "W".into(),
                    role: "viewer".into(),
                    status: "active".into(),
                    archived: false,
                    logo_url: None,
                    colour: None,
                })
                .collect(),
            last_workspace_id: None,
            pending_invitations: Vec::new(),
            join_suggestions: Vec::new(),
            csrf_token: "t".into(),
        }
    }

    #[test]
    fn an_open_invitation_is_accepted_only_by_the_invited_address() {
        let open = invite("pending");
        assert_eq!(landing(&open, None), Landing::SignedOut);
        assert_eq!(
            landing(&open, Some(&me("tom@acme.com", &[]))),
            Landing::Accept
        );
        assert_eq!(
            landing(&open, Some(&me("Tom@Acme.com", &[]))),
            Landing::Accept
        );
        assert_eq!(
            landing(&open, Some(&me("eve@acme.com", &["ws_9"]))),
            Landing::OtherAccount("eve@acme.com".into())
        );
    }

    #[test]
    fn a_member_is_sent_to_the_workspace_whatever_the_invitation_says() {
        for status in ["pending", "accepted", "expired", "revoked"] {
            let m = me("tom@acme.com", &["ws_1"]);
            assert_eq!(
                landing(&invite(status), Some(&m)),
                Landing::Member,
                "{status}"
            );
        }
    }

    #[test]
    fn a_deactivated_member_is_not_sent_into_the_workspace() {
        let mut m = me("tom@acme.com", &["ws_1"]);
        m.workspaces[0].status = "deactivated".into();
        assert_eq!(landing(&invite("pending"), Some(&m)), Landing::Accept);
        assert!(matches!(
            landing(&invite("accepted"), Some(&m)),
            Landing::Closed(_)
        ));
    }

    #[test]
    fn a_closed_invitation_says_why_signed_in_or_not() {
        for (status, word) in [
            ("archived", "archived"),
            ("expired", "expired"),
            ("declined", "declined"),
            ("accepted", "already been used"),
            ("revoked", "withdrawn"),
        ] {
            for who in [
                None,
                Some(me("tom@acme.com", &[])),
                Some(me("eve@acme.com", &["ws_9"])),
            ] {
                match landing(&invite(status), who.as_ref()) {
                    Landing::Closed(why) => assert!(why.contains(word), "{status}: {why}"),
                    other => panic!("{status}: {other:?}"),
                }
            }
        }
    }
}
