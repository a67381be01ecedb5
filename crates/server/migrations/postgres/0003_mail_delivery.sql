-- Delivery state of the outbox when SMTP is configured: every message is
-- written in the transaction that caused it, then a worker sends it and marks
-- it sent, retrying with back-off. Kept textually identical to
-- sqlite/0003_mail_delivery.sql.
ALTER TABLE outbox ADD COLUMN sent_at TEXT;
ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN next_attempt_at TEXT;
ALTER TABLE outbox ADD COLUMN last_error TEXT;
CREATE INDEX outbox_due ON outbox (sent_at, next_attempt_at);
