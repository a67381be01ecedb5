-- SQLite's migration of this version widens the name and email indexes so
-- a search walk tests each member on the index entry. PostgreSQL's index
-- scan reads the row of every entry it passes whatever the index holds,
-- and the page query that reads ids from an index-only scan first made a
-- common term ('mar') 40 % faster but every other search 30 % slower (its
-- plan costs more to make than a rare term costs to run), so PostgreSQL
-- keeps its indexes as they are. The version exists to keep both dialects
-- in lockstep.
SELECT 1;
