//! End-to-end journeys: the real server, in-process on a loopback port with a
//! temporary SQLite database, serving the release `dist/`, driven in headless
//! Chromium. Built only with `--features e2e` (`cargo xtask test` builds
//! `dist/` first, then runs these).

// The harness offers more helpers than today's journeys use.
#[allow(dead_code)]
#[path = "e2e/browser.rs"]
mod browser;
#[path = "e2e/server.rs"]
mod server;

use browser::{Browser, By};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_loads_and_renders_the_shell() {
    let server = server::TestServer::start().await;
    Browser::run("shell", |b| async move {
        b.goto(&server.url("/")).await?;
        b.wait_for(By::TestId("shell")).await?;
        b.wait_for(By::Role("banner")).await?;
        b.wait_for(By::Label("Workspace")).await?;
        // The overview asked the server for its state and shows it.
        let db = b.wait_for(By::TestId("database")).await?;
        assert_eq!(db.text().await?, "SQLite (embedded)");
        b.screenshot("shell-desktop").await?;

        // The account menu opens from the keyboard and closes with Escape.
        let account = b.wait_for(By::Label("Account")).await?;
        account.send_keys("\u{e007}").await?; // Enter
        b.wait_for(By::Text("Not signed in")).await?;
        b.wait_focus(By::Role("menuitem")).await?;
        b.press_escape().await?;
        b.wait_gone(By::Text("Not signed in")).await?;
        b.wait_focus(By::Label("Account")).await?;
        // …and by mouse, closing from its item.
        b.click(By::Label("Account")).await?;
        b.click(By::Role("menuitem")).await?;
        b.wait_gone(By::Role("menu")).await?;

        // An unknown client route shows the not-found page, not a blank screen.
        b.goto(&server.url("/no/such/page")).await?;
        b.wait_for(By::TestId("not-found")).await?;

        b.resize(390, 844).await?;
        b.goto(&server.url("/")).await?;
        b.wait_for(By::TestId("database")).await?;
        b.screenshot("shell-phone").await?;
        b.color_scheme("dark").await?;
        b.screenshot("shell-phone-dark").await?;
        b.resize(1280, 800).await?;
        b.screenshot("shell-desktop-dark").await?;

        b.assert_no_console_errors().await?;
        Ok(())
    })
    .await;
}
