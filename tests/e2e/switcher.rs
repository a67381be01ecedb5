//! The workspace switcher: creating a second workspace from its dialog (focus
//! trapped, region warning shown), switching back by keyboard only, and two
//! tabs each keeping their own workspace (it lives in the URL).

use crate::axe::assert_accessible;
use crate::browser::{Browser, By};
use crate::server::TestServer;

const SWITCHER: By<'static> = By::XPath("//button[@id='switcher-button']");

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_workspace_is_created_and_switched_to_by_keyboard_and_tabs_stay_apart() {
    let server = TestServer::start().await;
    let url = move |p: &str| server.url(p);
    Browser::run("switcher", move |b| async move {
        b.goto(&url("/signup")).await?;
        b.type_into(By::Label("Full name"), "Wes Ward").await?;
        b.type_into(By::Label("Work email"), "wes@wardworks.io")
            .await?;
        b.type_into(By::Label("Password"), "a long passphrase")
            .await?;
        b.click(By::Text("Create account")).await?;
        b.wait_path("/welcome").await?;
        b.type_into(By::Label("Workspace name"), "Ward Works")
            .await?;
        b.click(By::Text("Create workspace")).await?;
        let first = b.wait_path("/w/").await?;
        b.wait_for(By::TestId("member-row")).await?;

        // Create a second workspace from the switcher's dialog.
        b.click(SWITCHER).await?;
        b.click(By::Text("+ Create workspace")).await?;
        b.wait_focus(By::Label("Workspace name")).await?;
        b.wait_for(By::XPath("//*[@id='region-warning']")).await?;
        // Tab stays inside the dialog: back from the first control wraps to the last.
        b.keys("\u{e008}\u{e004}").await?; // Shift+Tab
        b.wait_focus(By::Label("Close")).await?;
        b.keys("\u{e008}\u{e004}").await?;
        b.wait_focus(By::XPath("//div[@role='dialog']//button[@type='submit']"))
            .await?;
        b.click(By::Label("Workspace name")).await?;
        b.keys("Ward Labs").await?;
        b.click(By::Text("United States (Iowa)")).await?;
        b.screenshot("create-dialog").await?;
        assert_accessible(&b, "the create-workspace dialog").await?;
        b.click(By::XPath("//div[@role='dialog']//button[@type='submit']"))
            .await?;
        b.wait_gone(By::Role("dialog")).await?;
        b.wait_for(By::XPath(
            "//*[@data-testid='current-workspace'][normalize-space()='Ward Labs']",
        ))
        .await?;
        let second = b.wait_path("/w/").await?;
        assert_ne!(first, second, "the new workspace has its own address");

        // Back to the first one with the keyboard only.
        b.wait_for(SWITCHER).await?.send_keys("\u{e007}").await?; // Enter
        b.wait_focus(By::Role("listbox")).await?;
        b.screenshot("switcher-open").await?;
        assert_accessible(&b, "the open switcher").await?;
        b.keys("\u{e015}").await?; // ArrowDown
        b.keys("\u{e007}").await?;
        b.wait_for(By::XPath(
            "//*[@data-testid='current-workspace'][normalize-space()='Ward Works']",
        ))
        .await?;
        assert_eq!(b.wait_path("/w/").await?, first);
        // The workspace lives in the URL: a second tab shows the other one,
        // and each tab keeps its own after a reload.
        let first_tab = b.client().window().await?;
        let tab = b.client().new_window(true).await?;
        b.client().switch_to_window(tab.handle).await?;
        b.goto(&url(&second)).await?;
        b.wait_for(By::XPath(
            "//*[@data-testid='current-workspace'][normalize-space()='Ward Labs']",
        ))
        .await?;
        b.client().switch_to_window(first_tab).await?;
        b.client().refresh().await?;
        b.wait_for(By::XPath(
            "//*[@data-testid='current-workspace'][normalize-space()='Ward Works']",
        ))
        .await?;

        // Escape closes the switcher and gives focus back to its button.
        b.wait_for(SWITCHER).await?.send_keys("\u{e007}").await?;
        b.wait_focus(By::Role("listbox")).await?;
        b.press_escape().await?;
        b.wait_gone(By::Role("listbox")).await?;
        b.wait_focus(SWITCHER).await?;
        b.assert_no_console_errors().await?;
        Ok(())
    })
    .await;
}
