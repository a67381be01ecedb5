-- wrk script for the permission check: POSTs
-- /api/auth/organization/has-permission asking whether the signed-in owner may
-- create invitations in the session's active organization. Headers come from
-- wrk's -H arguments.
wrk.method = "POST"
wrk.body = '{"permissions":{"invitation":["create"]}}'
