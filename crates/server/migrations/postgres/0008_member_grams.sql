-- A search of the team table in name order for a term that many members
-- match (say "mar" at 100,000 members) walked the name order until it had
-- a page, reading the row of every member it passed. member_grams lists,
-- per workspace, member status and trigram of a member's lower-cased name
-- or email, the members holding it in (name, id) order: such a page walks
-- one trigram's list per status and reads only the members it returns (see
-- store/members/grams.rs). About 30 rows per member; kept in step with
-- members by a trigger, which a large load (store/bulk.rs) skips for the
-- length of its transaction to build the lists in one sorted pass. The
-- SQLite migration of this version builds the same table with a table of
-- positions, a view and four triggers.
CREATE TABLE member_grams (
    workspace_id  TEXT NOT NULL,
    member_status TEXT NOT NULL,
    gram          TEXT NOT NULL,
    member_name   TEXT NOT NULL,
    member_id     TEXT NOT NULL,
    PRIMARY KEY (workspace_id, member_status, gram, member_name, member_id)
);
-- The distinct trigrams of a member's lower-cased name and email (STABLE:
-- lower() follows the database's collation).
CREATE FUNCTION member_grams_of(name TEXT, email TEXT) RETURNS SETOF TEXT
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT substr(lower(name), n, 3) FROM generate_series(1, length(lower(name)) - 2) AS n
    UNION
    SELECT substr(lower(email), n, 3) FROM generate_series(1, length(lower(email)) - 2) AS n
$$;
-- Every member's rows, as the SQLite migration of this version names them
-- (store/bulk.rs reads both alike).
CREATE VIEW member_gram_rows AS
    SELECT m.workspace_id, m.status AS member_status, g AS gram, m.name AS member_name,
        m.id AS member_id
    FROM members m, member_grams_of(m.name, m.email) AS g;
INSERT INTO member_grams (workspace_id, member_status, gram, member_name, member_id)
    SELECT workspace_id, member_status, gram, member_name, member_id FROM member_gram_rows;
CREATE FUNCTION member_grams_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('roster.bulk_load', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        DELETE FROM member_grams
            WHERE workspace_id = OLD.workspace_id AND member_status = OLD.status
              AND member_name = OLD.name AND member_id = OLD.id
              AND gram IN (SELECT member_grams_of(OLD.name, OLD.email));
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO member_grams (workspace_id, member_status, gram, member_name, member_id)
            SELECT NEW.workspace_id, NEW.status, g, NEW.name, NEW.id
            FROM member_grams_of(NEW.name, NEW.email) AS g;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER member_grams_insert_delete AFTER INSERT OR DELETE ON members
    FOR EACH ROW EXECUTE FUNCTION member_grams_sync();
-- A role or access change sets the status too (unchanged): the lists are
-- rewritten only when a value they hold changes.
CREATE TRIGGER member_grams_update AFTER UPDATE OF workspace_id, status, name, email ON members
    FOR EACH ROW
    WHEN (ROW(OLD.workspace_id, OLD.status, OLD.name, OLD.email)
        IS DISTINCT FROM ROW(NEW.workspace_id, NEW.status, NEW.name, NEW.email))
    EXECUTE FUNCTION member_grams_sync();
