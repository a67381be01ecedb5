-- The team table asks for one status group at a time (Active, Invited,
-- Deactivated) in one of four orders. With the status inside the ordered
-- index, a small group (a few thousand invited among 100,000 members) is
-- read straight from the index instead of walking the whole workspace in
-- order and skipping the other statuses. The status-less indexes stay for
-- the API's unfiltered listing. Kept textually identical in both dialects.
CREATE INDEX members_status_by_name ON members (workspace_id, status, name, id);
CREATE INDEX members_status_by_email ON members (workspace_id, status, email, id);
CREATE INDEX members_status_by_joined ON members (workspace_id, status, joined_at, id);
CREATE INDEX members_status_by_role ON members (workspace_id, status, role, id);
