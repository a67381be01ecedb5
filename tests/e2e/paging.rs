//! The big-team journey: a seeded workspace larger than one page, whose
//! Active group is drawn a screenful at a time and then paged with "Load
//! more" from the keyboard — focus goes on to the first row that arrived.

use crate::axe::shots;
use crate::browser::{Browser, By};
use crate::server::TestServer;
use std::sync::Arc;

/// More active members than one page (200) holds: the seed deactivates one
/// in twenty, so about 228 of them are active.
const MEMBERS: u32 = 240;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn load_more_keeps_the_keyboard_on_the_new_rows() {
    let (server, demo) = TestServer::start_demo(MEMBERS).await;
    let server = Arc::new(server);
    Browser::run("load-more", move |b| async move {
        b.sign_in(&server.url(""), &demo.owner_email, demo.owner_password)
            .await?;
        b.goto(&server.url(&format!("/w/{}/members", demo.workspace_id)))
            .await?;
        let active = "//tbody[@data-testid='group-active']";
        b.wait_xpath(&format!("{active}//tr[@data-testid='member-row']"))
            .await?;
        // Draw the rest of the first page ("Show N more") until only "Load
        // more" is left at the end of the group.
        // (A script's click: a WebDriver click scrolls first, and scrolling
        // draws more rows, which moves the button from under the pointer.)
        // It answers how many rows were drawn before, or -1 when none is left.
        let show_more = "const rows = document.querySelectorAll(\
            \"tbody[data-testid='group-active'] tr[data-testid='member-row']\").length; \
            const b = document.querySelector('#draw-more-active button'); \
            if (b) { b.click(); } return b ? rows : -1;";
        for _ in 0..10 {
            let drawn = b
                .client()
                .execute(show_more, vec![])
                .await?
                .as_i64()
                .unwrap_or(-1);
            if drawn < 0 {
                break;
            }
            let next = (drawn + 50).min(200);
            b.wait_xpath(&format!(
                "({active}//tr[@data-testid='member-row'])[{next}]"
            ))
            .await?;
        }
        b.wait_xpath(&format!("({active}//tr[@data-testid='member-row'])[200]"))
            .await?;
        let load_more = b
            .wait_xpath(&format!(
                "{active}//button[normalize-space()='Load more active']"
            ))
            .await?;
        // Enter on the focused button, as a keyboard user would press it.
        load_more.send_keys("").await?;
        b.keys("\u{e007}").await?;
        let first_new = format!(
            "({active}//tr[@data-testid='member-row'])[201]//button[starts-with(@id,'actions-')]"
        );
        b.wait_focus(By::XPath(&first_new)).await?;
        // On a phone the hidden columns must not take the names' room.
        b.resize(360, 780).await?;
        let who = "return document.querySelector(\
            \"tr[data-testid='member-row'] .who\").getBoundingClientRect().width;";
        let width = b
            .client()
            .execute(who, vec![])
            .await?
            .as_f64()
            .unwrap_or(0.0);
        assert!(width >= 100.0, "names get {width}px of a 360px-wide phone");
        b.resize(1280, 800).await?;
        shots(&b, "load-more").await?;
        b.assert_no_console_errors().await?;
        Ok(())
    })
    .await;
}
