-- A team-table search page reads its members by id, one index lookup each
-- (51 for a page of 50). Through the primary key's B-tree each lookup
-- descends three or four index pages before the row's; a hash index finds
-- the entry in one bucket page (PostgreSQL keeps the metapage cached). A
-- "mar" page at 100,000 members read 204 member buffers, now about half,
-- and a page a second on this machine's 2 cores went up by 20 % (no status
-- filter) and 36 % (one status, as the console asks). The primary key
-- stays: it enforces uniqueness, which a hash index cannot. The cost: one
-- more index to write per new member.
CREATE INDEX members_by_id_hash ON members USING hash (id);
