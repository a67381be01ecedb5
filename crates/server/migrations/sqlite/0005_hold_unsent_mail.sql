-- Mail written while no SMTP server was configured is kept for admins to
-- read and never sent later: by the time SMTP is set up it may be stale
-- (revoked or accepted invitations). New messages are written that way;
-- this marks the ones written before. Kept textually identical to
-- postgres/0005_hold_unsent_mail.sql.
UPDATE outbox SET next_attempt_at = '9999-12-31T00:00:00.000000Z'
    WHERE sent_at IS NULL AND attempts = 0 AND next_attempt_at IS NULL;
