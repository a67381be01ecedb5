-- wrk script for Roster's decision workloads: POSTs the same JSON body, taken
-- from ROSTER_BODY, on every request. The path, cookie, CSRF token and
-- content type come from wrk's command line (-H arguments), set by
-- `cargo xtask bench`.
wrk.method = "POST"
wrk.body = os.getenv("ROSTER_BODY")
