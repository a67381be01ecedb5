//! Renders a parsed Markdown page (`state::markdown`) as elements with text
//! children only: what a workspace writes on its home page cannot inject HTML.

use crate::state::markdown::{Block, Inline, parse};
use leptos::prelude::*;

fn spans(list: Vec<Inline>) -> impl IntoView {
    list.into_iter()
        .map(|s| match s {
            Inline::Text(t) => t.into_any(),
            Inline::Strong(t) => view! { <strong>{t}</strong> }.into_any(),
            Inline::Em(t) => view! { <em>{t}</em> }.into_any(),
            Inline::Code(t) => view! { <code>{t}</code> }.into_any(),
            Inline::Link(t, href) => {
                view! { <a href=href rel="external noopener noreferrer" target="_blank">{t}</a> }
                    .into_any()
            }
        })
        .collect_view()
}

/// The page `text` as rendered Markdown.
#[component]
pub fn Markdown(#[prop(into)] text: Signal<String>) -> impl IntoView {
    move || {
        let blocks = text.with(|t| parse(t));
        if blocks.is_empty() {
            return view! { <p class="muted">"Nothing to preview yet."</p> }.into_any();
        }
        blocks
            .into_iter()
            .map(|b| match b {
                Block::Heading(1, s) => view! { <h2>{spans(s)}</h2> }.into_any(),
                Block::Heading(2, s) => view! { <h3>{spans(s)}</h3> }.into_any(),
                Block::Heading(_, s) => view! { <h4>{spans(s)}</h4> }.into_any(),
                Block::Para(s) => view! { <p>{spans(s)}</p> }.into_any(),
                Block::Quote(s) => view! { <blockquote>{spans(s)}</blockquote> }.into_any(),
                Block::Code(t) => view! { <pre><code>{t}</code></pre> }.into_any(),
                Block::Rule => view! { <hr/> }.into_any(),
                Block::List(ordered, items) => {
                    let items = items
                        .into_iter()
                        .map(|i| view! { <li>{spans(i)}</li> })
                        .collect_view();
                    if ordered {
                        view! { <ol>{items}</ol> }.into_any()
                    } else {
                        view! { <ul>{items}</ul> }.into_any()
                    }
                }
            })
            .collect_view()
            .into_any()
    }
}
