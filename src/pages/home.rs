//! The overview: welcomes a new deployment and shows the server's state, read
//! from `/readyz`, with loading and error states.

use crate::api;
use crate::components::{ErrorAlert, StatusBadge, Tone};
use leptos::prelude::*;

/// The first page a new deployment shows.
#[component]
pub fn HomePage() -> impl IntoView {
    let readiness = LocalResource::new(api::readiness);
    view! {
        <h1>"Welcome to Roster"</h1>
        <p class="muted">"Workspaces, teams and access for your data product, decided by one permission model in the browser and on the server."</p>
        <div class="grid-2">
            <section class="card" aria-labelledby="server-heading" data-testid="server-status">
                <h2 id="server-heading">"Server"</h2>
                <Suspense fallback=|| view! {
                    <div aria-busy="true" aria-label="Loading the server's state">
                        <span class="skeleton wide"></span>
                        <span class="skeleton narrow"></span>
                    </div>
                }>
                    {move || readiness.get().map(|r| match r {
                        Ok(ready) => view! {
                            <dl class="facts">
                                <dt>"Status"</dt>
                                <dd><StatusBadge tone=Tone::Ok label="Ready"/></dd>
                                <dt>"Database"</dt>
                                <dd data-testid="database">{database_label(&ready.database)}</dd>
                                <dt>"Schema version"</dt>
                                <dd>{ready.migrations}</dd>
                                <dt>"Version"</dt>
                                <dd>{ready.version}</dd>
                            </dl>
                        }.into_any(),
                        Err(e) => view! { <ErrorAlert error=e/> }.into_any(),
                    })}
                </Suspense>
            </section>
            <section class="card" aria-labelledby="next-heading">
                <h2 id="next-heading">"Next steps"</h2>
                <ol class="steps">
                    <li>"Create your account and your first workspace."</li>
                    <li>"Invite your team with work email addresses."</li>
                    <li>"Give each person a role, and the features and resources they need."</li>
                </ol>
            </section>
        </div>
    }
}

/// A person-friendly name for the database the server reports.
pub fn database_label(name: &str) -> String {
    match name {
        "sqlite" => "SQLite (embedded)".to_owned(),
        "postgres" => "PostgreSQL".to_owned(),
        other => other.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::database_label;

    #[test]
    fn databases_get_friendly_names() {
        assert_eq!(database_label("sqlite"), "SQLite (embedded)");
        assert_eq!(database_label("postgres"), "PostgreSQL");
        assert_eq!(database_label("other"), "other");
    }
}
