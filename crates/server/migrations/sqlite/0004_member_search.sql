-- Substring search of the team table by name or email without a full scan:
-- an FTS5 trigram index. Its rows are keyed by member_search_keys.seq (an
-- INTEGER PRIMARY KEY, stable across VACUUM, unlike the members table's
-- implicit rowid), kept in step with members by triggers. The PostgreSQL
-- migration of the same version uses pg_trgm instead.
CREATE VIRTUAL TABLE member_search USING fts5 (name, email, tokenize = 'trigram');
CREATE TABLE member_search_keys (
    seq       INTEGER PRIMARY KEY,
    member_id TEXT NOT NULL UNIQUE
);
INSERT INTO member_search_keys (member_id) SELECT id FROM members;
INSERT INTO member_search (rowid, name, email)
    SELECT k.seq, m.name, m.email FROM members m JOIN member_search_keys k ON k.member_id = m.id;
CREATE TRIGGER member_search_insert AFTER INSERT ON members BEGIN
    INSERT INTO member_search_keys (member_id) VALUES (new.id);
    INSERT INTO member_search (rowid, name, email)
        SELECT seq, new.name, new.email FROM member_search_keys WHERE member_id = new.id;
END;
CREATE TRIGGER member_search_update AFTER UPDATE OF name, email ON members BEGIN
    UPDATE member_search SET name = new.name, email = new.email
        WHERE rowid = (SELECT seq FROM member_search_keys WHERE member_id = new.id);
END;
CREATE TRIGGER member_search_delete BEFORE DELETE ON members BEGIN
    DELETE FROM member_search
        WHERE rowid = (SELECT seq FROM member_search_keys WHERE member_id = old.id);
    DELETE FROM member_search_keys WHERE member_id = old.id;
END;
