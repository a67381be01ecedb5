//! One status group of the team table (Active, Invited, Deactivated): its
//! header with the count, the rows drawn so far (more are drawn as the end
//! comes into view, or on "Show more"), and "Load more" for the next page.

use super::row::{MemberRow, RowAction};
use crate::state::access::{self, RowActions};
use crate::state::loading::{Drawn, MORE_ROWS};
use crate::state::table::{Group, status_label};
use leptos::prelude::*;
use roster_api::MemberResponse;
use roster_model::{Actor, Facts, MemberStatus};

/// The id of a group's "Show more" row, which the scroll check looks at.
pub fn draw_more_id(s: MemberStatus) -> String {
    format!("draw-more-{}", status_label(s).to_ascii_lowercase())
}

/// Draws more of every group whose "Show more" row is within one and a half screens of
/// the viewport's bottom.
pub fn draw_near(drawn: RwSignal<Drawn>, loaded: [(MemberStatus, usize); 3]) {
    let Some(height) = window().inner_height().ok().and_then(|h| h.as_f64()) else {
        return;
    };
    for (s, n) in loaded {
        let near = document()
            .get_element_by_id(&draw_more_id(s))
            .is_some_and(|el| el.get_bounding_client_rect().top() < height * 1.5);
        if near {
            drawn.update(|d| {
                d.grow(s, n);
            });
        }
    }
}

/// A group's rows.
#[component]
pub fn GroupBody(
    status: MemberStatus,
    group: Group,
    drawn: RwSignal<Drawn>,
    me: String,
    model: Memo<(Actor, Facts, String)>,
    loading: RwSignal<bool>,
    more_busy: RwSignal<bool>,
    load_more: Callback<MemberStatus>,
    on_action: Callback<(RowAction, MemberResponse)>,
) -> impl IntoView {
    let s = status;
    let label = status_label(s);
    let count = group.count_label();
    let more = group.next.is_some();
    let total = group.rows.len();
    let rows = StoredValue::new(group.rows);
    let me = StoredValue::new(me);
    let row_view = move |m: MemberResponse| {
        let is_me = me.with_value(|me| m.user_id.as_deref() == Some(me.as_str()));
        let row = m.clone();
        let acts = Callback::new(move |()| -> Option<RowActions> {
            model.with_untracked(|(actor, facts, _)| access::row_actions(actor, facts, &row))
        });
        view! { <MemberRow member=m actions=acts is_me=is_me on_action=on_action/> }
    };
    let hidden = move || total.saturating_sub(drawn.with(|d| d.of(s)));
    view! {
        <tbody class:dim=move || loading.get() data-testid=format!("group-{}", label.to_ascii_lowercase())>
            <tr class="group-row">
                <th colspan="6" scope="rowgroup" id=format!("group-{label}")>
                    {label} <span class="count">{count}</span>
                </th>
            </tr>
            <For each=move || rows.with_value(|r| r.iter().take(drawn.with(|d| d.of(s))).cloned().collect::<Vec<_>>())
                key=|m| m.id.clone() children=row_view/>
            {move || (hidden() > 0).then(|| view! {
                <tr class="more-row" id=draw_more_id(s)><td colspan="6">
                    <button class="btn ghost" on:click=move |_| drawn.update(|d| { d.grow(s, total); })>
                        {format!("Show {} more", hidden().min(MORE_ROWS))}
                    </button>
                </td></tr>
            })}
            {move || (more && hidden() == 0).then(|| view! {
                <tr class="more-row"><td colspan="6">
                    <button class="btn" disabled=move || more_busy.get()
                        on:click=move |_| load_more.run(s)>
                        {move || if more_busy.get() { format!("Loading {}…", label.to_ascii_lowercase()) } else { format!("Load more {}", label.to_ascii_lowercase()) }}
                    </button>
                </td></tr>
            })}
        </tbody>
    }
}
