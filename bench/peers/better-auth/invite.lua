-- wrk script for the invite workload: POSTs /api/auth/organization/invite-member
-- with a unique address per request (run nonce, thread number, counter), role
-- "member", into the session's active organization. Headers (cookie, origin,
-- content-type) come from wrk's -H arguments.
local threads = 0
local nonce = (os.getenv("PEER_RUN") or tostring(os.time())) .. "r" .. (os.getenv("ROSTER_WRK_RUN") or "0")

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
  thread:set("nonce", nonce)
end

local n = 0

function request()
  n = n + 1
  local body = string.format(
    '{"email":"wrk-%s-%d-%d@invite.example","role":"member"}', nonce, tid, n)
  return wrk.format("POST", nil, nil, body)
end
