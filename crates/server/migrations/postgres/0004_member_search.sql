-- Substring search of the team table by name or email without a full scan:
-- trigram GIN indexes on the lower-cased columns the query matches with LIKE.
-- pg_trgm is a trusted extension: a database owner may create it. The SQLite
-- migration of the same version uses an FTS5 trigram index instead.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX members_name_trgm ON members USING gin (lower(name) gin_trgm_ops);
CREATE INDEX members_email_trgm ON members USING gin (lower(email) gin_trgm_ops);
