//! A page's heading: its title, one line under it, and the page's main
//! actions on the right (below the title on a phone).

use leptos::prelude::*;

/// The head of a page: `lede` is the line under the title, the children
/// (if any) are the page's actions.
#[component]
pub fn PageHead(
    title: &'static str,
    #[prop(into)] lede: ViewFnOnce,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="page-head">
            <div>
                <h1>{title}</h1>
                <p class="muted">{lede.run()}</p>
            </div>
            {children.map(|actions| actions())}
        </div>
    }
}
