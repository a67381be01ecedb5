//! Workspace journeys beyond the team table: an owner edits settings (a field
//! error, the Markdown preview, a configuration property) and reads the audit
//! log with its CSV export; a Viewer sees every control they may not use
//! disabled with the model's reason; a removed member lands in their other
//! workspace.

use crate::axe::{assert_accessible, shots};
use crate::browser::{Browser, By};
use crate::server::{ApiUser, TestServer};
use serde_json::json;
use std::sync::Arc;

const PASSWORD: &str = "correct horse battery";

/// Pat's server with the workspace "Northwind Data": the server, Pat's API
/// client and the workspace id.
async fn northwind() -> (Arc<TestServer>, ApiUser, String) {
    let server = Arc::new(TestServer::start().await);
    let owner = server
        .sign_up("Pat Park", "pat@northwind.io", PASSWORD)
        .await
        .unwrap();
    let ws = owner
        .call(
            "POST",
            "/workspaces",
            Some(json!({ "name": "Northwind Data", "region": "eu-central-1" })),
        )
        .await
        .unwrap();
    let ws_id = ws["id"].as_str().unwrap().to_owned();
    (server, owner, ws_id)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_owner_edits_settings_and_reads_the_audit_log() {
    let (server, _owner, ws_id) = northwind().await;
    let s = server.clone();
    Browser::run("settings", move |b| async move {
        b.sign_in(&s.url(""), "pat@northwind.io", PASSWORD).await?;
        b.click(By::XPath("//nav//a[normalize-space()='Settings']")).await?;
        b.wait_path(&format!("/w/{ws_id}/settings")).await?;
        b.wait_for(By::TestId("settings-general")).await?;

        // A bad colour is refused beside the field, and Save stays off.
        b.type_into(By::Label("Brand colour"), "blue").await?;
        b.wait_for(By::Text("Enter a colour like #1a73e8.")).await?;
        let save = "//button[normalize-space()='Save settings']";
        assert!(!b.wait_xpath(save).await?.is_enabled().await?, "invalid form");
        b.type_into(By::Label("Brand colour"), "\u{e009}a\u{e000}\u{e003}#0F766E").await?;
        b.wait_gone(By::Text("Enter a colour like #1a73e8.")).await?;
        let colour = b.wait_for(By::Label("Brand colour")).await?.prop("value").await?;
        assert_eq!(colour.as_deref(), Some("#0F766E"));
        b.type_into(By::Label("Countries"), "de, in").await?;
        b.type_into(By::Label("Home page"), "# Welcome to Northwind\n\nAsk **Pat** about access.\n\n- dashboards\n- [handbook](https://northwind.io/handbook)").await?;
        b.click(By::Text("Preview")).await?;
        b.wait_xpath("//*[@data-testid='markdown-preview']//h2[normalize-space()='Welcome to Northwind']").await?;
        b.wait_xpath("//*[@data-testid='markdown-preview']//strong[normalize-space()='Pat']").await?;
        shots(&b, "settings").await?;
        b.click(By::Text("Write")).await?;
        b.wait_xpath(save).await?.click().await?;
        b.wait_for(By::Text("Settings saved.")).await?;
        // The switcher shows the workspace in its brand colour.
        b.wait_xpath("//button[@id='switcher-button']/span[contains(@class,'av') and contains(@style,'#0f766e')]")
            .await?;

        // A configuration property, then the danger zone's typed confirmation.
        b.type_into(By::Label("Key"), "Theme Default").await?;
        b.wait_for(By::Text("Use 1–64 lower-case letters, digits, _, . or -.")).await?;
        b.type_into(By::Label("Key"), "\u{e009}a\u{e000}\u{e003}theme.default").await?;
        b.type_into(By::Label("Value"), "dark").await?;
        b.click(By::Text("Save property")).await?;
        b.wait_count(By::TestId("config-row"), 1).await?;
        b.click(By::Text("Delete…")).await?;
        b.wait_focus(By::Label("Type Northwind Data to confirm")).await?;
        let confirm = "//div[@role='dialog']//button[@type='submit']";
        assert!(!b.wait_xpath(confirm).await?.is_enabled().await?, "needs the name");
        b.screenshot("delete-dialog").await?;
        assert_accessible(&b, "the delete dialog").await?;
        b.press_escape().await?;
        b.wait_gone(By::Role("dialog")).await?;
        b.wait_focus(By::XPath("//button[@id='delete-button']")).await?;

        // The audit log lists those changes, filters, and exports CSV.
        b.click(By::XPath("//nav//a[normalize-space()='Audit log']")).await?;
        b.wait_xpath("//tr[@data-action='workspace.updated']").await?;
        b.wait_xpath("//tr[@data-action='config.set']//*[contains(., 'theme.default')]").await?;
        b.wait_xpath("//tr[@data-action='workspace.created']").await?;
        shots(&b, "audit").await?;
        let select = b.wait_for(By::Label("Action")).await?;
        select.select_by_value("config.set").await?;
        b.wait_count(By::TestId("audit-row"), 1).await?;
        let href = b.wait_for(By::TestId("audit-csv")).await?.attr("href").await?.unwrap_or_default();
        assert!(href.contains("format=csv") && href.contains("action=config.set"), "{href}");
        let csv = b
            .client()
            .execute_async(
                "fetch(arguments[0]).then(r => r.text()).then(arguments[1])",
                vec![json!(href)],
            )
            .await?;
        let csv = csv.as_str().unwrap_or_default();
        assert!(csv.starts_with("at,"), "{csv}");
        assert_eq!(csv.lines().count(), 2, "the header and the one event: {csv}");
        b.assert_no_console_errors().await?;
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_viewer_sees_reasons_and_a_removed_member_lands_in_another_workspace() {
    let (server, owner, ws_id) = northwind().await;
    let sent = owner
        .call(
            "POST",
            &format!("/workspaces/{ws_id}/invitations"),
            Some(json!({ "invites": [{ "email": "vic@northwind.io", "role": "viewer" }] })),
        )
        .await
        .unwrap();
    let inv = sent["results"][0]["invitation_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let link = owner
        .call(
            "GET",
            &format!("/workspaces/{ws_id}/invitations/{inv}/link"),
            None,
        )
        .await
        .unwrap();
    let token = link["url"]
        .as_str()
        .unwrap()
        .split("token=")
        .nth(1)
        .unwrap()
        .to_owned();
    let vic = server
        .sign_up("Vic Vale", "vic@northwind.io", PASSWORD)
        .await
        .unwrap();
    vic.call(
        "POST",
        "/workspaces",
        Some(json!({ "name": "Vic's Lab", "region": "eu-central-1" })),
    )
    .await
    .unwrap();
    // Accepting makes Northwind the last workspace, so sign-in lands there.
    let joined = vic
        .call(
            "POST",
            "/invitations/accept",
            Some(json!({ "token": token })),
        )
        .await
        .unwrap();
    let member = joined["member_id"].as_str().unwrap().to_owned();
    let s = server.clone();
    let owner = Arc::new(owner);
    let o = owner.clone();
    Browser::run("viewer", move |b| async move {
        b.sign_in(&s.url(""), "vic@northwind.io", PASSWORD).await?;
        b.wait_xpath("//*[@data-testid='current-workspace'][normalize-space()='Northwind Data']").await?;
        // Team: inviting and every action on the owner's row say why not.
        b.wait_xpath("//*[@id='invite-why'][starts-with(normalize-space(), 'Your role does not allow this')]").await?;
        b.click(By::Label("Actions for Pat Park")).await?;
        let items = b.wait_count(By::XPath("//ul[@role='menu']//*[@role='menuitem'][@aria-disabled='true']"), 4).await?;
        assert!(items.iter().all(|i| i.contains("does not allow") || i.contains("only")), "{items:?}");
        b.screenshot("viewer-menu").await?;
        b.press_escape().await?;

        // Settings: read-only, with the reason; the danger zone says why too.
        b.click(By::XPath("//nav//a[normalize-space()='Settings']")).await?;
        b.wait_for(By::TestId("settings-general")).await?;
        b.wait_xpath("//*[@data-testid='settings-general']//p[contains(@class,'callout')][starts-with(normalize-space(), 'Your role does not allow this')]").await?;
        assert!(!b.wait_for(By::Label("Workspace name")).await?.is_enabled().await?, "read-only for a Viewer");
        b.wait_xpath("//button[@id='delete-button'][@aria-disabled='true']").await?;
        b.wait_xpath("//*[@id='delete-button-why'][normalize-space()]").await?;
        shots(&b, "viewer-settings").await?;

        // The audit log is for admins: the page says so instead of failing.
        b.click(By::XPath("//nav//a[normalize-space()='Audit log']")).await?;
        b.wait_for(By::TestId("audit-denied")).await?;
        b.screenshot("viewer-audit").await?;

        // Removed meanwhile: the next load moves Vic to the other workspace
        // (the browser logs that load's 404, so the console is read first).
        b.click(By::XPath("//nav//a[normalize-space()='Team']")).await?;
        b.wait_for(By::TestId("member-row")).await?;
        b.assert_no_console_errors().await?;
        o.call("DELETE", &format!("/workspaces/{ws_id}/members/{member}"), None).await?;
        b.type_into(By::TestId("member-search"), "pat").await?;
        b.wait_for(By::Text("You no longer have access to Northwind Data.")).await?;
        b.wait_xpath("//*[@data-testid='current-workspace'][normalize-space()=\"Vic's Lab\"]").await?;
        let path = b.wait_path("/w/").await?;
        assert!(!path.contains(&ws_id), "{path}");
        let search = b.wait_for(By::TestId("member-search")).await?;
        assert_eq!(search.prop("value").await?.as_deref(), Some(""), "a fresh search box");
        b.screenshot("removed-member").await?;
        Ok(())
    })
    .await;
    drop(owner);
}
