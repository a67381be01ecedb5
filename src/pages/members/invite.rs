//! The invite dialog: many addresses at once (comma, space or newline), one
//! role for all or one per address, optional feature and resource access
//! for the batch, each address's verdict from
//! `roster_model::plan_invites` while typing, progress while a large batch
//! is sent in parts, then the server's result per row.

use super::access_fields::AccessFields;
use crate::api::{self, ApiError};
use crate::components::{Dialog, show_if, show_if_else};
use crate::state::access::role_label;
use crate::state::access_edit::AccessDraft;
use crate::state::invites::{self, BatchAccess, VerdictRow};
use leptos::prelude::*;
use leptos::task::spawn_local;
use roster_api::{CreateInvitationsRequest, InvitationResultResponse};
use roster_model::{Actor, BuiltinRole, ExistingPeople, Facts};

/// Addresses sent per request while a large batch is in progress.
const PART: usize = 100;

/// The invite dialog.
#[component]
pub fn InviteDialog(
    ws: String,
    actor: Actor,
    facts: Facts,
    people: ExistingPeople,
    on_close: Callback<()>,
    on_sent: Callback<()>,
) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let role = RwSignal::new(BuiltinRole::Viewer.key().to_owned());
    let pending = RwSignal::new(false);
    let err = RwSignal::new(None::<ApiError>);
    let results = RwSignal::new(None::<Vec<InvitationResultResponse>>);
    // Addresses given a role of their own: (row key, role).
    let own = RwSignal::new(Vec::<(String, String)>::new());
    // Addresses sent so far of all in the batch (two signals of a type the
    // app already has, rather than one of a new type).
    let (sent, total) = (RwSignal::new(0usize), RwSignal::new(0usize));
    // Feature and resource access for the whole batch (everything unless
    // narrowed); invalid resource ids hold the batch back.
    let access = RwSignal::new(AccessDraft::everything());
    let plan = {
        let (actor, facts) = (actor.clone(), facts.clone());
        Memo::new(move |_| {
            let batch = access.with(AccessDraft::batch_access).unwrap_or_default();
            own.with(|o| {
                invites::preview(&text.get(), &role.get(), o, &batch, &actor, &people, &facts)
            })
            .unwrap_or_default()
        })
    };
    let set_own = Callback::new(move |(input, r): (String, String)| {
        let key = invites::row_key(&input);
        own.update(|o| {
            o.retain(|(k, _)| *k != key);
            o.push((key, r));
        });
    });
    let ready = move || {
        if access.with(|a| a.batch_access().is_err()) {
            return 0;
        }
        plan.with(|p| p.iter().filter(|r| r.ok()).count())
    };
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let rows = plan.get_untracked();
        let Ok(batch) = access.with_untracked(AccessDraft::batch_access) else {
            return;
        };
        if rows.iter().all(|r| !r.ok()) {
            return;
        }
        let ws = ws.clone();
        let all = invites::request(&rows, &batch);
        pending.set(true);
        err.set(None);
        sent.set(0);
        total.set(all.len());
        spawn_local(async move {
            // Parts of 100, so a large paste shows progress and a failure
            // part-way keeps what was already sent.
            let mut done = Vec::new();
            for part in all.chunks(PART) {
                let req = CreateInvitationsRequest {
                    invites: part.to_vec(),
                };
                match api::invite(&ws, &req).await {
                    Ok(r) => done.extend(r.results),
                    Err(e) => {
                        err.set(Some(e));
                        break;
                    }
                }
                sent.set(done.len());
            }
            if !done.is_empty() {
                results.set(Some(done));
                on_sent.run(());
            }
            pending.set(false);
        });
    };
    // Each role judged with the inviter's own access, so a narrowed Admin is
    // told about roles, not about features it cannot hand out.
    let held = BatchAccess::of(&actor);
    let roles: Vec<(String, Result<(), String>)> = BuiltinRole::ALL
        .into_iter()
        .rev()
        .map(|r| {
            let probe = invites::preview(
                "probe@example.com",
                r.key(),
                &[],
                &held,
                &actor,
                &ExistingPeople::default(),
                &facts,
            );
            let verdict = match probe.as_deref() {
                Ok([row]) if !row.ok() => Err(row.message.clone()),
                _ => Ok(()),
            };
            (r.key().to_owned(), verdict)
        })
        .collect();
    // "Owner: why not" for each role the inviter may not give.
    let unavailable = roles
        .iter()
        .filter_map(|(k, v)| {
            v.as_ref()
                .err()
                .map(|why| format!("{}: {why}", role_label(k)))
        })
        .collect::<Vec<_>>()
        .join(" ");
    view! {
        <Dialog title="Invite people" description="They get an email with a link to join. Work addresses only."
            on_close=on_close return_to="invite-button" wide=true>
            {show_if_else(move || results.with(Option::is_none), move || view! {
                <form class="stack" on:submit=send.clone()>
                    <div class="field">
                        <label for="invite-emails">"Email addresses"</label>
                        <textarea id="invite-emails" rows="3" autofocus=true
                            placeholder="ada@company.com, grace@company.com"
                            aria-describedby="invite-help"
                            prop:value=move || text.get()
                            on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                        <p class="muted small" id="invite-help">"Separate addresses with commas, spaces or new lines. Each address can get its own role below."</p>
                    </div>
                    <div class="field">
                        <label for="invite-role">"Role for everyone"</label>
                        <select id="invite-role" aria-describedby="invite-role-why" on:change=move |ev| role.set(event_target_value(&ev))>
                            {roles.clone().into_iter().map(|(k, v)| {
                                let selected = k == role.get_untracked();
                                let label = match &v {
                                    Ok(()) => role_label(&k),
                                    Err(_) => format!("{} (not available)", role_label(&k)),
                                };
                                view! { <option value=k.clone() selected=selected disabled=v.is_err() title=v.err()>{label}</option> }
                            }).collect_view()}
                        </select>
                        // A disabled option's title is never shown: the reasons go beside the field.
                        <p class="muted small" id="invite-role-why">{unavailable.clone()}</p>
                    </div>
                    <details class="more" data-testid="invite-access">
                        <summary>"Feature and resource access"<span class="muted small">" \u{b7} everything unless you narrow it"</span></summary>
                        <AccessFields draft=access/>
                    </details>
                    <VerdictList rows=plan roles=roles.clone() set_own=set_own/>
                    {show_if(move || pending.get() && total.get() > PART, move || view! {
                        <div class="field" data-testid="invite-progress">
                            <label for="invite-progress">{move || format!("Sent {} of {}…", sent.get(), total.get())}</label>
                            <progress id="invite-progress" max=move || total.get() value=move || sent.get()></progress>
                        </div>
                    }.into_any())}
                    {move || err.get().map(|e| view! { <div class="alert" role="alert">{e.to_string()}</div> })}
                    <div class="actions">
                        <span class="muted small grow" aria-live="polite" data-testid="invite-count">
                            {move || match (ready(), plan.with(Vec::len)) {
                                (_, 0) => String::new(),
                                (r, n) if r == n => format!("{r} ready to invite"),
                                (r, n) => format!("{r} of {n} ready to invite"),
                            }}
                        </span>
                        <button type="button" class="btn" on:click=move |_| on_close.run(())>"Cancel"</button>
                        <button type="submit" class="btn primary" disabled=move || pending.get() || ready() == 0>
                            {move || match (pending.get(), ready()) {
                                (true, _) => "Sending…".to_owned(),
                                (false, 1) => "Send 1 invitation".to_owned(),
                                (false, n) => format!("Send {n} invitations"),
                            }}
                        </button>
                    </div>
                </form>
            }.into_any(), move || view! {
                <ResultSummary results=results on_close=on_close/>
            }.into_any())}
        </Dialog>
    }
}

#[component]
fn VerdictList(
    rows: Memo<Vec<VerdictRow>>,
    roles: Vec<(String, Result<(), String>)>,
    set_own: Callback<(String, String)>,
) -> impl IntoView {
    let roles = StoredValue::new(roles);
    view! {
        {show_if(move || !rows.with(Vec::is_empty), move || view! {
            <ul class="verdicts" aria-label="Addresses" data-testid="invite-verdicts">
                {move || rows.get().into_iter().map(|r| {
                    let ok = r.ok();
                    view! {
                        <li class:ok=ok class:bad=!ok data-testid="invite-verdict" data-verdict=r.verdict.code()>
                            <span class="dot" aria-hidden="true">{if ok { "\u{2713}" } else { "!" }}</span>
                            <span class="addr">{r.input.clone()}</span>
                            <span class="why small">{r.message.clone()}</span>
                            <RowRole input=r.input.clone() role=r.role.clone() roles=roles set_own=set_own/>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }.into_any())}
    }
}

/// The role of one address (the role for all unless changed here).
#[component]
fn RowRole(
    input: String,
    role: String,
    roles: StoredValue<Vec<(String, Result<(), String>)>>,
    set_own: Callback<(String, String)>,
) -> impl IntoView {
    let label = format!("Role for {input}");
    view! {
        <select class="row-role" aria-label=label
            on:change=move |ev| set_own.run((input.clone(), event_target_value(&ev)))>
            {roles.with_value(|rs| rs.iter().map(|(k, v)| view! {
                <option value=k.clone() selected=*k == role disabled=v.is_err()>{role_label(k)}</option>
            }).collect_view())}
        </select>
    }
}

#[component]
fn ResultSummary(
    results: RwSignal<Option<Vec<InvitationResultResponse>>>,
    on_close: Callback<()>,
) -> impl IntoView {
    let list = move || results.get().unwrap_or_default();
    view! {
        <div class="stack" data-testid="invite-results">
            <p class="strong" role="status">{move || invites::summary(&list())}</p>
            <ul class="verdicts">
                {move || list().into_iter().map(|r| {
                    let ok = r.status == "invited";
                    view! {
                        <li class:ok=ok class:bad=!ok data-testid="invite-result" data-status=r.status.clone()>
                            <span class="dot" aria-hidden="true">{if ok { "\u{2713}" } else { "!" }}</span>
                            <span class="addr">{r.email.clone()}</span>
                            <span class="why small">{r.message.clone()}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <div class="actions">
                <button type="button" class="btn primary" autofocus=true on:click=move |_| on_close.run(())>"Done"</button>
            </div>
        </div>
    }
}
