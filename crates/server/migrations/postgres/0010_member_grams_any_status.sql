-- A team-table search without a status filter (an API client's; the
-- console asks one status at a time) merged the trigram's lists of the
-- three statuses. This index is the list of every status: the trigram's
-- members in (name, id) order whatever their status, so such a page walks
-- one list, as a filtered page does (store/members/grams.rs). At 100,000
-- members on PostgreSQL a "mar" page's statement went from 145 to 128 µs
-- (pgbench, 1 client). The cost: one more index entry per trigram row on
-- each write (a batch of 1,000 invitations, 490 -> 600 ms).
CREATE INDEX member_grams_any_status ON member_grams (workspace_id, gram, member_name, member_id);
