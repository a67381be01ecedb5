//! Signing up, in and out: validation beside the fields, the redirect to the
//! first-workspace screen, "no access" for a stranger's workspace, sign-out.

use crate::axe::assert_accessible;
use crate::browser::{Browser, By};
use crate::server::TestServer;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visitor_signs_up_creates_a_workspace_and_signs_out() {
    let server = TestServer::start().await;
    let url = move |p: &str| server.url(p);
    Browser::run("accounts", move |b| async move {
        // Signed out, the app goes to sign-in without a failing request.
        b.goto(&url("/")).await?;
        b.wait_path("/signin").await?;
        b.wait_for(By::Label("Email")).await?;
        b.wait_xpath("//button[@type='submit']")
            .await?
            .click()
            .await?;
        b.wait_for(By::Text("Enter an email address.")).await?;
        b.screenshot("signin-errors").await?;
        assert_accessible(&b, "sign-in").await?;

        // Links inside the app navigate without reloading the page.
        b.client()
            .execute("window.__rosterSamePage = true;", Vec::new())
            .await?;
        b.click(By::Text("Create an account")).await?;
        b.wait_path("/signup").await?;
        // Back and forward follow the history, still on the same page.
        b.client().back().await?;
        b.wait_path("/signin").await?;
        b.wait_for(By::Text("Create an account")).await?;
        b.client().forward().await?;
        b.wait_path("/signup").await?;
        let same_page = b
            .client()
            .execute("return window.__rosterSamePage === true;", Vec::new())
            .await?;
        assert_eq!(
            same_page,
            serde_json::Value::Bool(true),
            "the link or back/forward reloaded the page"
        );
        b.type_into(By::Label("Full name"), "Nora Quinn").await?;
        b.type_into(By::Label("Work email"), "nora@").await?;
        b.type_into(By::Label("Password"), "short").await?;
        b.click(By::Text("Create account")).await?;
        b.wait_for(By::Text("Use at least 8 characters.")).await?;
        b.screenshot("signup-errors").await?;
        assert_accessible(&b, "sign-up").await?;
        b.type_into(By::Label("Work email"), "quinnco.io").await?;
        b.type_into(By::Label("Password"), "-and-longer").await?;
        b.click(By::Text("Create account")).await?;

        // No workspace yet: the welcome screen creates the first one.
        b.wait_path("/welcome").await?;
        b.wait_for(By::Text("Welcome, Nora")).await?;
        b.click(By::Text("Create workspace")).await?;
        b.wait_for(By::Text("Enter a name.")).await?;
        b.type_into(By::Label("Workspace name"), "Quinn & Co")
            .await?;
        b.screenshot("welcome").await?;
        assert_accessible(&b, "welcome").await?;
        b.click(By::Text("Create workspace")).await?;
        b.wait_path("/w/").await?;
        b.wait_for(By::TestId("member-row")).await?;

        // A workspace I am not in is a clear "no access" page, not an error.
        b.goto(&url("/w/not-mine/members")).await?;
        b.wait_for(By::TestId("no-access")).await?;
        b.screenshot("no-access").await?;
        assert_accessible(&b, "no access").await?;

        // Unknown routes are a not-found page.
        b.goto(&url("/no/such/page")).await?;
        b.wait_for(By::TestId("not-found")).await?;

        // Sign out from the account menu, by keyboard.
        b.goto(&url("/")).await?;
        b.wait_path("/w/").await?;
        let account = b.wait_for(By::Label("Account")).await?;
        account.send_keys("\u{e007}").await?;
        b.wait_focus(By::Role("menuitem")).await?;
        b.press_escape().await?;
        b.wait_gone(By::Role("menu")).await?;
        b.wait_focus(By::Label("Account")).await?;
        b.click(By::Label("Account")).await?;
        b.click(By::Text("Sign out")).await?;
        b.wait_path("/signin").await?;

        // And back in: straight to the last workspace.
        b.type_into(By::Label("Email"), "nora@quinnco.io").await?;
        b.type_into(By::Label("Password"), "short-and-longer")
            .await?;
        b.wait_xpath("//button[@type='submit']")
            .await?
            .click()
            .await?;
        b.wait_path("/w/").await?;
        b.wait_for(By::TestId("member-row")).await?;
        b.assert_no_console_errors().await?;
        Ok(())
    })
    .await;
}
