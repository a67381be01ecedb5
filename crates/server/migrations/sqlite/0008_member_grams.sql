-- A search of the team table in name order for a term that many members
-- match (say "mar" at 100,000 members) walked the name order until it had
-- a page: thousands of index entries. member_grams lists, per workspace,
-- member status and trigram of a member's lower-cased name or email, the
-- members holding it in (name, id) order: such a page walks one trigram's
-- list per status and reads only the entries it returns (see
-- store/members/grams.rs). About 30 rows per member; kept in step with
-- members by four triggers over one view of a member's rows (store/bulk.rs
-- pauses the insert trigger for a large load). SQLite cannot number
-- positions in a view or trigger without a recursive CTE, so a table of
-- character positions numbers a value's trigrams (names and emails are
-- validated far below its 1,024). The PostgreSQL migration of this version
-- builds the same table and view with a function and two triggers.
CREATE TABLE member_gram_positions (n INTEGER PRIMARY KEY);
WITH RECURSIVE p (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM p WHERE n < 1024)
INSERT INTO member_gram_positions (n) SELECT n FROM p;
CREATE TABLE member_grams (
    workspace_id  TEXT NOT NULL,
    member_status TEXT NOT NULL,
    gram          TEXT NOT NULL,
    member_name   TEXT NOT NULL,
    member_id     TEXT NOT NULL,
    PRIMARY KEY (workspace_id, member_status, gram, member_name, member_id)
) WITHOUT ROWID;
-- A member's rows, once: the backfill, the triggers and store/bulk.rs read
-- them here. UNION ALL (a value's trigram may repeat, and name and email
-- may share one) lets SQLite narrow both arms to one member; the readers
-- drop the repeats.
CREATE VIEW member_gram_rows AS
    SELECT m.workspace_id, m.status AS member_status, substr(lower(m.name), p.n, 3) AS gram,
        m.name AS member_name, m.id AS member_id
    FROM members m JOIN member_gram_positions p ON p.n <= length(m.name) - 2
    UNION ALL
    SELECT m.workspace_id, m.status, substr(lower(m.email), p.n, 3), m.name, m.id
    FROM members m JOIN member_gram_positions p ON p.n <= length(m.email) - 2;
INSERT INTO member_grams (workspace_id, member_status, gram, member_name, member_id)
    SELECT DISTINCT workspace_id, member_status, gram, member_name, member_id
    FROM member_gram_rows;
CREATE TRIGGER member_grams_insert AFTER INSERT ON members BEGIN
    INSERT INTO member_grams (workspace_id, member_status, gram, member_name, member_id)
        SELECT DISTINCT workspace_id, member_status, gram, member_name, member_id
        FROM member_gram_rows WHERE member_id = new.id;
END;
CREATE TRIGGER member_grams_delete BEFORE DELETE ON members BEGIN
    DELETE FROM member_grams
        WHERE (workspace_id, member_status, gram, member_name, member_id) IN (
            SELECT workspace_id, member_status, gram, member_name, member_id
            FROM member_gram_rows WHERE member_id = old.id);
END;
-- An update takes the old rows out before it and puts the new ones in
-- after it. A role or access change sets the status too (unchanged): the
-- rows are rewritten only when a value they hold changes.
CREATE TRIGGER member_grams_update_old BEFORE UPDATE OF workspace_id, status, name, email ON members
WHEN old.workspace_id IS NOT new.workspace_id OR old.status IS NOT new.status
    OR old.name IS NOT new.name OR old.email IS NOT new.email
BEGIN
    DELETE FROM member_grams
        WHERE (workspace_id, member_status, gram, member_name, member_id) IN (
            SELECT workspace_id, member_status, gram, member_name, member_id
            FROM member_gram_rows WHERE member_id = old.id);
END;
CREATE TRIGGER member_grams_update_new AFTER UPDATE OF workspace_id, status, name, email ON members
WHEN old.workspace_id IS NOT new.workspace_id OR old.status IS NOT new.status
    OR old.name IS NOT new.name OR old.email IS NOT new.email
BEGIN
    INSERT INTO member_grams (workspace_id, member_status, gram, member_name, member_id)
        SELECT DISTINCT workspace_id, member_status, gram, member_name, member_id
        FROM member_gram_rows WHERE member_id = new.id;
END;
