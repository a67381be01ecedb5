//! One row of the team table and its actions menu. Every item is decided by
//! `roster_model::capabilities`; a refused item stays visible but disabled,
//! with the model's reason beside it (and as its description).

use crate::components::{Avatar, focus};
use crate::state::access::{RowActions, role_label};
use crate::state::text::short_date;
use leptos::html;
use leptos::prelude::*;
use roster_api::MemberResponse;
use roster_model::{Denied, FeatureAccess, MemberStatus, ResourceAccess};

/// What a menu item asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowAction {
    /// Open the role dialog.
    ChangeRole,
    /// Open the transfer dialog.
    Transfer,
    /// Deactivate now.
    Deactivate,
    /// Reactivate now.
    Reactivate,
    /// Open the remove confirmation.
    Remove,
    /// Copy a fresh invitation link.
    CopyLink,
    /// Send the invitation again.
    Resend,
    /// Withdraw the invitation.
    Revoke,
}

fn access_label(all: bool, n: usize, what: &str) -> String {
    if all {
        format!("All {what}s")
    } else if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// "All features" / "3 features".
pub fn features_label(a: &FeatureAccess) -> String {
    match a {
        FeatureAccess::All => access_label(true, 0, "feature"),
        FeatureAccess::Only(s) => access_label(false, s.len(), "feature"),
    }
}

/// "All resources" / "1 resource".
pub fn resources_label(a: &ResourceAccess) -> String {
    match a {
        ResourceAccess::All => access_label(true, 0, "resource"),
        ResourceAccess::Only(s) => access_label(false, s.len(), "resource"),
    }
}

/// The menu entries for a row: label, action, verdict, danger.
pub fn menu_items(
    m: &MemberResponse,
    a: &RowActions,
) -> Vec<(&'static str, RowAction, Result<(), Denied>, bool)> {
    let mut items = Vec::new();
    match m.status {
        MemberStatus::Invited => {
            items.push((
                "Copy invite link",
                RowAction::CopyLink,
                a.invitation.clone(),
                false,
            ));
            items.push((
                "Resend invitation",
                RowAction::Resend,
                a.invitation.clone(),
                false,
            ));
            items.push((
                "Edit role and access…",
                RowAction::ChangeRole,
                a.edit_access.clone(),
                false,
            ));
            items.push((
                "Revoke invitation",
                RowAction::Revoke,
                a.invitation.clone(),
                true,
            ));
        }
        MemberStatus::Active | MemberStatus::Deactivated => {
            items.push((
                "Edit role and access…",
                RowAction::ChangeRole,
                a.edit_access.clone(),
                false,
            ));
            items.push((
                "Transfer ownership…",
                RowAction::Transfer,
                a.caps.transfer_ownership.clone(),
                false,
            ));
            if m.status == MemberStatus::Active {
                items.push((
                    "Deactivate",
                    RowAction::Deactivate,
                    a.caps.deactivate.clone(),
                    false,
                ));
            } else {
                items.push((
                    "Reactivate",
                    RowAction::Reactivate,
                    a.caps.reactivate.clone(),
                    false,
                ));
            }
            items.push((
                "Remove from workspace…",
                RowAction::Remove,
                a.caps.remove.clone(),
                true,
            ));
        }
    }
    items
}

/// A member's row. The actions menu, its verdicts and its focus handling
/// exist only while it is open: a page of 200 rows builds 200 plain rows.
#[component]
pub fn MemberRow(
    member: MemberResponse,
    /// The verdicts for this row, computed when the menu opens.
    actions: Callback<(), Option<RowActions>>,
    is_me: bool,
    on_action: Callback<(RowAction, MemberResponse)>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let trigger_id = format!("actions-{}", member.id);
    let menu_id = format!("menu-{}", member.id);
    let label = format!("Actions for {}", display_name(&member));
    let status_badge = match member.status {
        MemberStatus::Invited => Some(view! { <span class="badge warn">"Invited"</span> }),
        MemberStatus::Deactivated => Some(view! { <span class="badge">"Deactivated"</span> }),
        MemberStatus::Active => None,
    };
    let m2 = StoredValue::new(member.clone());
    let tid = trigger_id.clone();
    let mid = menu_id.clone();
    view! {
        <tr data-testid="member-row" data-email=member.email.clone()>
            <td><div class="person">
                <Avatar id=member.id.clone() name=member.name.clone() email=member.email.clone()/>
                <div class="who">
                    <div class="strong">
                        {display_name(&member)}
                        {is_me.then(|| view! { <span class="badge you">"You"</span> })}
                        {status_badge}
                    </div>
                    <div class="muted small">{member.email.clone()}</div>
                </div>
            </div></td>
            <td><span class="role-pill" data-testid="member-role">{role_label(&member.role)}</span></td>
            <td class="hide-sm muted">{resources_label(&member.resource_access)}</td>
            <td class="hide-sm muted">{features_label(&member.feature_access)}</td>
            <td class="hide-md muted">{short_date(&member.joined_at)}</td>
            <td class="actions-cell">
                <div class="menu-wrap">
                    <button class="btn icon ghost" id=trigger_id aria-label=label
                        aria-haspopup="menu" aria-controls=menu_id
                        aria-expanded=move || open.get().to_string()
                        on:click=move |_| open.update(|o| *o = !*o)>
                        "\u{22EF}"
                    </button>
                    {move || open.get().then(|| {
                        let items = m2.with_value(|m| actions.run(()).map(|a| menu_items(m, &a)).unwrap_or_default());
                        view! { <RowMenu member=m2 items=items open=open trigger=tid.clone() id=mid.clone() on_action=on_action/> }
                    })}
                </div>
            </td>
        </tr>
    }
}

/// The open actions menu: focus on its first item, arrows move, Escape
/// closes and gives focus back to the trigger.
#[component]
fn RowMenu(
    member: StoredValue<MemberResponse>,
    items: Vec<(&'static str, RowAction, Result<(), Denied>, bool)>,
    open: RwSignal<bool>,
    trigger: String,
    id: String,
    on_action: Callback<(RowAction, MemberResponse)>,
) -> impl IntoView {
    let menu = NodeRef::<html::Ul>::new();
    crate::reactive::effect(move || {
        if let Some(m) = menu.get() {
            focus::focus_first(&m);
        }
    });
    let back = trigger.clone();
    let on_key = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "Escape" => {
            ev.prevent_default();
            open.set(false);
            focus::focus_id(&back);
        }
        "Tab" => open.set(false),
        _ => {
            if let Some(m) = menu.get_untracked() {
                focus::menu_keys(&m, &ev);
            }
        }
    };
    let row_id = member.with_value(|m| m.id.clone());
    view! {
        <div class="click-away" on:click=move |_| open.set(false)></div>
        <ul class="menu" role="menu" id=id aria-labelledby=trigger node_ref=menu on:keydown=on_key>
            {items.into_iter().enumerate().map(|(i, (text, action, verdict, danger))| {
                let reason_id = format!("{row_id}-why-{i}");
                let reason = verdict.err().map(|d| d.message());
                let disabled = reason.is_some();
                let title = reason.clone();
                view! {
                    <li role="none">
                        <button role="menuitem" class:danger=danger
                            aria-disabled=disabled.then_some("true")
                            title=title
                            aria-describedby=disabled.then(|| reason_id.clone())
                            on:click=move |_| {
                                if !disabled {
                                    open.set(false);
                                    on_action.run((action, member.get_value()));
                                }
                            }>
                            <span>{text}</span>
                            {reason.map(|r| view! { <small class="why" id=reason_id.clone()>{r}</small> })}
                        </button>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// The name, or the address for someone who has not joined yet.
pub fn display_name(m: &MemberResponse) -> String {
    if m.name.trim().is_empty() {
        m.email.clone()
    } else {
        m.name.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn member(status: MemberStatus) -> MemberResponse {
        MemberResponse {
            name: String::new(),
            ..crate::state::fixtures::member("m", "editor", status)
        }
    }

    #[test]
    fn the_menu_follows_the_status_and_keeps_refusals_with_reasons() {
        use crate::state::access::{actor, facts, row_actions};
        let me = actor("u-o", "owner", "active", &[]);
        let f = facts("Acme", &me, &[]);
        let invited = member(MemberStatus::Invited);
        let acts = row_actions(&me, &f, &invited).unwrap();
        let labels: Vec<_> = menu_items(&invited, &acts).iter().map(|i| i.0).collect();
        assert_eq!(
            labels,
            [
                "Copy invite link",
                "Resend invitation",
                "Edit role and access…",
                "Revoke invitation"
            ]
        );
        let active = member(MemberStatus::Active);
        let acts = row_actions(&me, &f, &active).unwrap();
        let items = menu_items(&active, &acts);
        let transfer = items.iter().find(|i| i.1 == RowAction::Transfer).unwrap();
        assert_eq!(transfer.2, Err(Denied::TransferTargetNotAdmin));
        assert!(
            items
                .iter()
                .any(|i| i.1 == RowAction::Deactivate && i.2.is_ok())
        );
        assert_eq!(display_name(&active), "m@acme.test");
    }

    #[test]
    fn access_counts_read_naturally() {
        assert_eq!(features_label(&FeatureAccess::All), "All features");
        assert_eq!(
            resources_label(&ResourceAccess::Only(BTreeSet::new())),
            "0 resources"
        );
        let one: BTreeSet<_> = [roster_model::ResourceId::new("r1")].into();
        assert_eq!(resources_label(&ResourceAccess::Only(one)), "1 resource");
    }
}
