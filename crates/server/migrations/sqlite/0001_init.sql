-- Roster's first schema version: deployment metadata. Later migrations add
-- the tables of accounts, workspaces, members and the rest.
CREATE TABLE roster_meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
INSERT INTO roster_meta (key, value) VALUES ('schema', 'roster');
