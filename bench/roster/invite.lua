-- wrk script for Roster's invite workload: POSTs one new address per request
-- (run nonce, thread number, counter) to the workspace's batch invitation
-- endpoint. The path, cookie, CSRF token and content type come from wrk's
-- command line (-H arguments), set by `cargo xtask bench`.
local threads = 0
local nonce = (os.getenv("ROSTER_RUN") or tostring(os.time())) .. "r" .. (os.getenv("ROSTER_WRK_RUN") or "0")

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
  thread:set("nonce", nonce)
end

local n = 0

function request()
  n = n + 1
  local body = string.format(
    '{"invites":[{"email":"wrk-%s-%d-%d@invite.example","role":"viewer"}]}', nonce, tid, n)
  return wrk.format("POST", nil, nil, body)
end
