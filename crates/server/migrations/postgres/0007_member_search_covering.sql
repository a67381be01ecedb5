-- SQLite's migration of this version widens the name and email indexes so
-- a search walk tests each member on the index entry. PostgreSQL's index
-- scan reads the row of every entry it passes whatever the index holds. A
-- page query that first read the ids from an index-only scan made a common
-- term that matches late in the order ('mar') 40 % faster, but a rare term
-- ('zz9') and a common one that matches early ('ada') 30 % slower: its plan
-- costs more to make than those cost to run. So PostgreSQL keeps its
-- indexes as they are; the version exists to keep both dialects in
-- lockstep.
SELECT 1;
