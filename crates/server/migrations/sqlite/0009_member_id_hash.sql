-- PostgreSQL's migration of this version adds a hash index on the member
-- id for the search page's lookups. SQLite has no hash index; its lookups
-- go through the id's UNIQUE index as before. The version exists to keep
-- both dialects in lockstep.
SELECT 1;
