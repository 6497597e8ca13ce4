-- POST /api/v1/applications/: an AK/1 submission. Each token is a different pre-seeded job
-- seeker with a complete profile and documents, and submits once (its own Idempotency-Key);
-- a token used a second time would be answered 409 (already open) and counted as non-2xx.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
init = bench_init
request = function()
  local token = take_token()
  return wrk.format("POST", "/api/v1/applications/", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = "wrk-" .. thread_id .. "-" .. next_token,
  }, '{"type": "new"}')
end
