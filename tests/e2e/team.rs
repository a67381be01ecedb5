//! The team journey: an owner invites three addresses and sees the model's
//! verdicts before sending; the invitee signs up in a second browser and
//! accepts; the owner promotes them to Admin, transfers ownership, and then
//! sees themself as Admin.

use crate::axe::{assert_accessible, shots};
use crate::browser::{Browser, By};
use crate::server::TestServer;
use std::sync::{Arc, Mutex};

const OWNER: &str = "olivia@acmecorp.io";
const INVITEE: &str = "ben@acmecorp.io";
const PASSWORD: &str = "correct horse battery";
const WORKSPACE: &str = "Acme Analytics";

fn row_role(email: &str) -> String {
    format!("//tr[@data-email='{email}']//*[@data-testid='member-role']")
}

async fn role_of(
    b: &Browser,
    email: &str,
    want: &str,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let xpath = format!("{}[normalize-space()='{want}']", row_role(email));
    b.wait_xpath(&xpath).await?;
    Ok(())
}

async fn open_actions(
    b: &Browser,
    name: &str,
    item: &str,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    b.click(By::Label(&format!("Actions for {name}"))).await?;
    b.wait_focus(By::Role("menuitem")).await?;
    b.click(By::Text(item)).await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invite_accept_promote_and_transfer_ownership() {
    let server = Arc::new(TestServer::start().await);
    let link = Arc::new(Mutex::new(String::new()));

    let (s, shared) = (server.clone(), link.clone());
    Browser::run("team-owner", move |b| async move {
        b.goto(&s.url("/signup")).await?;
        b.type_into(By::Label("Full name"), "Olivia Owner").await?;
        b.type_into(By::Label("Work email"), OWNER).await?;
        b.type_into(By::Label("Password"), PASSWORD).await?;
        b.click(By::Text("Create account")).await?;
        b.wait_path("/welcome").await?;
        b.type_into(By::Label("Workspace name"), WORKSPACE).await?;
        b.click(By::Text("Create workspace")).await?;
        b.wait_path("/w/").await?;
        role_of(&b, OWNER, "Owner").await?;

        // The owner's own row refuses changes, with the model's reason.
        b.click(By::Label("Actions for Olivia Owner")).await?;
        b.wait_for(By::Text(
            "You cannot change your own role. Ask another owner.",
        ))
        .await?;
        b.press_escape().await?;
        b.wait_focus(By::Label("Actions for Olivia Owner")).await?;

        // Invite three addresses: one personal, one duplicate.
        b.click(By::Text("+ Invite people")).await?;
        b.wait_focus(By::Label("Email addresses")).await?;
        b.keys(&format!("{INVITEE}, sam@gmail.com\nBEN@acmecorp.io"))
            .await?;
        let verdicts = b.wait_count(By::TestId("invite-verdict"), 3).await?;
        assert!(verdicts[0].contains("Ready to invite"), "{verdicts:?}");
        assert!(verdicts[1].contains("work email"), "{verdicts:?}");
        assert!(verdicts[2].contains("earlier in the list"), "{verdicts:?}");
        b.wait_for(By::Text("1 of 3 ready to invite")).await?;
        shots(&b, "invite-verdicts").await?;
        // Escape closes the dialog and gives focus back to its button.
        b.press_escape().await?;
        b.wait_gone(By::Role("dialog")).await?;
        b.wait_focus(By::Text("+ Invite people")).await?;

        b.click(By::Text("+ Invite people")).await?;
        b.type_into(
            By::Label("Email addresses"),
            &format!("{INVITEE}, sam@gmail.com\nBEN@acmecorp.io"),
        )
        .await?;
        b.wait_count(By::TestId("invite-verdict"), 3).await?;
        // Everyone is offered Viewer; Ben gets a role of his own.
        b.wait_for(By::Label(&format!("Role for {INVITEE}")))
            .await?
            .select_by_value("editor")
            .await?;
        // The batch's access, narrowed to one resource.
        b.click(By::Text("Feature and resource access")).await?;
        b.click(By::Text("Only these resources")).await?;
        b.type_into(By::Label("Resource ids"), "sales-db").await?;
        b.click(By::Text("Send 1 invitation")).await?;
        let results = b.wait_count(By::TestId("invite-result"), 3).await?;
        assert!(results[0].contains(INVITEE), "{results:?}");
        b.wait_for(By::Text("Invited 1 person; 2 not sent."))
            .await?;
        b.screenshot("invite-results").await?;
        b.click(By::Text("Done")).await?;
        // Closed by Done, not Escape: focus still returns to its opener.
        b.wait_focus(By::Text("+ Invite people")).await?;
        b.wait_for(By::TestId("group-invited")).await?;
        role_of(&b, INVITEE, "Editor").await?;
        b.wait_xpath(&format!(
            "//tr[@data-email='{INVITEE}']//*[normalize-space()='1 resource']"
        ))
        .await?;
        shots(&b, "team-invited").await?;

        // The invitation link, for the invitee's browser.
        open_actions(&b, "ben", "Copy invite link").await?;
        let input = b.wait_xpath("//input[@id='invite-link']").await?;
        let url = input.prop("value").await?.unwrap_or_default();
        assert!(url.contains("/invitations/accept?token="), "{url}");
        *shared.lock().unwrap() = url;
        b.screenshot("invite-link").await?;
        b.press_escape().await?;
        b.wait_gone(By::Role("dialog")).await?;
        b.assert_no_console_errors().await?;
        Ok(())
    })
    .await;

    let (s, shared) = (server.clone(), link.clone());
    Browser::run("team-invitee", move |b| async move {
        // Signed out, the link offers sign-up and comes back to accept.
        let url = shared.lock().unwrap().clone();
        let path = url
            .find("/invitations/")
            .map(|i| url[i..].to_owned())
            .unwrap_or(url);
        b.goto(&s.url(&path)).await?;
        b.wait_for(By::TestId("invite-landing")).await?;
        // It names the workspace, the inviter, the role and the address.
        b.wait_for(By::Text(&format!("Join {WORKSPACE}"))).await?;
        b.wait_for(By::Text("Olivia Owner invited you as Editor."))
            .await?;
        b.wait_xpath(&format!(
            "//*[@data-testid='invite-landing']//p[contains(., '{INVITEE}')]"
        ))
        .await?;
        b.screenshot("invite-landing").await?;
        assert_accessible(&b, "the invitation landing page").await?;
        b.wait_xpath(
            "//*[@data-testid='invite-landing']//a[normalize-space()='Create an account']",
        )
        .await?
        .click()
        .await?;
        b.wait_path("/signup").await?;
        b.type_into(By::Label("Full name"), "Ben Carter").await?;
        // The invited address comes filled in.
        let email = b.wait_for(By::Label("Work email")).await?;
        assert_eq!(email.prop("value").await?.as_deref(), Some(INVITEE));
        b.type_into(By::Label("Password"), PASSWORD).await?;
        b.click(By::Text("Create account")).await?;
        b.wait_path("/w/").await?;
        role_of(&b, INVITEE, "Editor").await?;
        // An Editor sees the invite button disabled, with the reason.
        b.wait_for(By::Text("Your role does not allow this (Invite members)."))
            .await?;
        b.screenshot("editor").await?;
        // The used link, opened again by a member, leads into the workspace.
        b.goto(&s.url(&path)).await?;
        b.wait_for(By::Text("You are already a member of this workspace."))
            .await?;
        b.click(By::Text("Open the workspace")).await?;
        b.wait_path("/w/").await?;
        b.assert_no_console_errors().await?;
        Ok(())
    })
    .await;

    let s = server.clone();
    Browser::run("team-transfer", move |b| async move {
        b.sign_in(&s.url(""), OWNER, PASSWORD).await?;
        role_of(&b, INVITEE, "Editor").await?;

        // Server-side search (keystrokes coalesced while a load is out) and sorting both ways.
        b.type_into(By::TestId("member-search"), "ben").await?;
        b.wait_count(By::TestId("member-row"), 1).await?;
        b.type_into(By::TestId("member-search"), "\u{e009}a\u{e003}")
            .await?; // Ctrl+A, Backspace
        b.wait_count(By::TestId("member-row"), 2).await?;
        b.click(By::Text("Name")).await?;
        b.wait_for(By::XPath("//th[@aria-sort='descending']"))
            .await?;
        // Z→A puts Olivia first once the server's answer arrives.
        b.wait_xpath(&format!(
            "(//tr[@data-testid='member-row'])[1][@data-email='{OWNER}']"
        ))
        .await?;
        b.click(By::Text("Name")).await?;
        b.wait_for(By::XPath("//th[@aria-sort='ascending']"))
            .await?;
        b.wait_xpath(&format!(
            "(//tr[@data-testid='member-row'])[1][@data-email='{INVITEE}']"
        ))
        .await?;

        // Transfer is refused while Ben is not an Admin, and says why.
        b.click(By::Label("Actions for Ben Carter")).await?;
        b.wait_for(By::Text(
            "Ownership can only be transferred to an active Admin. Make them an Admin first.",
        ))
        .await?;
        b.screenshot("actions-menu").await?;
        b.click(By::Text("Edit role and access…")).await?;
        b.wait_xpath("//div[@role='dialog']//label[.//strong[normalize-space()='Admin']]")
            .await?
            .click()
            .await?;
        b.wait_for(By::Text("Gains:")).await?;
        // Only two features: the editor names what is lost before saving.
        b.click(By::Text("Only chosen features")).await?;
        b.click(By::XPath("//*[@data-testid='feature-access']//label[.//strong[normalize-space()='Dashboards']]")).await?;
        b.click(By::XPath("//*[@data-testid='feature-access']//label[.//strong[normalize-space()='AI chat']]")).await?;
        b.wait_xpath("//*[@data-testid='role-diff']//p[contains(., 'Features lost:')][contains(., 'Query builder')]")
            .await?;
        shots(&b, "change-role").await?;
        b.click(By::Text("Save changes")).await?;
        role_of(&b, INVITEE, "Admin").await?;
        b.wait_xpath(&format!("//tr[@data-email='{INVITEE}']//td[normalize-space()='2 features']"))
            .await?;

        open_actions(&b, "Ben Carter", "Transfer ownership…").await?;
        let confirm = b.wait_xpath("//input[@id='transfer-confirm']").await?;
        let submit = "//div[@role='dialog']//button[@type='submit']";
        assert!(
            !b.wait_xpath(submit).await?.is_enabled().await?,
            "needs the typed name"
        );
        confirm.send_keys(WORKSPACE).await?;
        shots(&b, "transfer").await?;
        b.wait_xpath(submit).await?.click().await?;
        b.wait_gone(By::Role("dialog")).await?;
        role_of(&b, INVITEE, "Owner").await?;
        role_of(&b, OWNER, "Admin").await?;
        b.wait_xpath("//*[@data-testid='workspace-switcher']//*[normalize-space()='Admin']")
            .await?;
        shots(&b, "after-transfer").await?;

        // The switcher opens from the keyboard and closes with Escape.
        b.click(By::Label("Account")).await?;
        b.press_escape().await?;
        let switcher = b.wait_xpath("//button[@id='switcher-button']").await?;
        switcher.click().await?;
        b.wait_for(By::Role("listbox")).await?;
        b.wait_for(By::Text("+ Create workspace")).await?;
        b.screenshot("switcher").await?;
        b.press_escape().await?;
        b.wait_gone(By::Role("listbox")).await?;
        b.assert_no_console_errors().await?;
        Ok(())
    })
    .await;
}
