//! Sealing at rest: outbox messages written before sealing existed (with an
//! invitation link in the clear) are sealed when the server starts, and open
//! again with the deployment's key.

use roster_server::Config;
use roster_server::store::outbox::{OutboxMessage, insert_outbox_message, list_outbox_bodies};

#[tokio::test]
async fn messages_written_in_the_clear_are_sealed_at_start_up() {
    let tmp = tempfile::tempdir().unwrap();
    let url = crate::support::database_url(tmp.path()).await;
    let config = || Config {
        database_url: Some(url.clone()),
        data_dir: tmp.path().to_owned(),
        ..Config::defaults()
    };
    let first = roster_server::prepare(config()).await.unwrap();
    let old = OutboxMessage {
        id: "msg_written_in_the_clear".to_owned(),
        workspace_id: None,
        recipient: "old@acme.com".to_owned(),
        subject: "You are invited".to_owned(),
        body: "Accept: http://roster.test/invitations/accept?token=OldPlainTokenOldPlainToken"
            .to_owned(),
        created_at: "2026-01-01T00:00:00.000000Z".to_owned(),
        held: true,
    };
    let mut tx = first.db.write().await.unwrap();
    insert_outbox_message(&mut tx, &old).await.unwrap();
    tx.commit().await.unwrap();
    first.db.close().await;

    let again = roster_server::prepare(config()).await.unwrap();
    let mut tx = again.db.read().await.unwrap();
    let stored = list_outbox_bodies(&mut tx, "old@acme.com").await.unwrap();
    tx.commit().await.unwrap();
    let (id, body) = &stored[0];
    assert!(
        !body.contains("OldPlainToken"),
        "still in the clear: {body}"
    );
    assert_eq!(again.sealer.open(body, id).unwrap(), old.body);
    again.db.close().await;
}
