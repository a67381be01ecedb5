-- A search of the team table in name order for a term that many members
-- match (say "mar" at 100,000 members) walked the name order until it had
-- a page: thousands of index entries. member_grams lists, per workspace,
-- member status and trigram of a member's lower-cased name or email, the
-- members holding it in (name, id) order: such a page walks one trigram's
-- list per status and reads only the entries it returns (see
-- store/members/list.rs). About 30 rows per member; kept in step with
-- members by triggers (store/bulk.rs pauses the insert trigger for a large
-- load). SQLite triggers cannot use a recursive CTE, so a table of
-- character positions numbers a value's trigrams (names and emails are
-- validated far below its 1,024). The PostgreSQL migration of this version
-- builds the same table with a function and two triggers.
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
INSERT INTO member_grams (workspace_id, member_status, gram, member_name, member_id)
    SELECT m.workspace_id, m.status, substr(lower(m.name), p.n, 3), m.name, m.id
    FROM members m JOIN member_gram_positions p ON p.n <= length(m.name) - 2
    UNION
    SELECT m.workspace_id, m.status, substr(lower(m.email), p.n, 3), m.name, m.id
    FROM members m JOIN member_gram_positions p ON p.n <= length(m.email) - 2;
CREATE TRIGGER member_grams_insert AFTER INSERT ON members BEGIN
    INSERT INTO member_grams (workspace_id, member_status, gram, member_name, member_id)
        SELECT new.workspace_id, new.status, substr(lower(new.name), n, 3), new.name, new.id
        FROM member_gram_positions WHERE n <= length(new.name) - 2
        UNION
        SELECT new.workspace_id, new.status, substr(lower(new.email), n, 3), new.name, new.id
        FROM member_gram_positions WHERE n <= length(new.email) - 2;
END;
CREATE TRIGGER member_grams_delete BEFORE DELETE ON members BEGIN
    DELETE FROM member_grams
        WHERE workspace_id = old.workspace_id AND member_status = old.status
          AND member_name = old.name AND member_id = old.id
          AND gram IN (
              SELECT substr(lower(old.name), n, 3)
              FROM member_gram_positions WHERE n <= length(old.name) - 2
              UNION
              SELECT substr(lower(old.email), n, 3)
              FROM member_gram_positions WHERE n <= length(old.email) - 2);
END;
-- A role or access change sets the status too (unchanged): the lists are
-- rewritten only when a value they hold changes.
CREATE TRIGGER member_grams_update AFTER UPDATE OF workspace_id, status, name, email ON members
WHEN old.workspace_id IS NOT new.workspace_id OR old.status IS NOT new.status
    OR old.name IS NOT new.name OR old.email IS NOT new.email
BEGIN
    DELETE FROM member_grams
        WHERE workspace_id = old.workspace_id AND member_status = old.status
          AND member_name = old.name AND member_id = old.id
          AND gram IN (
              SELECT substr(lower(old.name), n, 3)
              FROM member_gram_positions WHERE n <= length(old.name) - 2
              UNION
              SELECT substr(lower(old.email), n, 3)
              FROM member_gram_positions WHERE n <= length(old.email) - 2);
    INSERT INTO member_grams (workspace_id, member_status, gram, member_name, member_id)
        SELECT new.workspace_id, new.status, substr(lower(new.name), n, 3), new.name, new.id
        FROM member_gram_positions WHERE n <= length(new.name) - 2
        UNION
        SELECT new.workspace_id, new.status, substr(lower(new.email), n, 3), new.name, new.id
        FROM member_gram_positions WHERE n <= length(new.email) - 2;
END;
