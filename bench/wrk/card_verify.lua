-- POST /api/v1/cards/verify by number and date of birth. The check is rate-limited per
-- client address (20 per 10 minutes); the bench server trusts 127.0.0.1 as a proxy
-- (PENCAKER_TRUSTED_PROXIES), and each group of 10 checks names its own client in
-- X-Forwarded-For, as HAProxy would for many citizens.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
init = function(args)
  bench_init()
  body = string.format('{"number": "%s", "birth_date": "%s"}', os.getenv("BENCH_CARD_NUMBER"),
    os.getenv("BENCH_CARD_BIRTH_DATE"))
  salt = tonumber(os.getenv("BENCH_RUN") or "0")
  n = 0
end
request = function()
  n = n + 1
  local client = math.floor(n / 10)
  -- A new second octet per run (BENCH_RUN), so that the rounds never share a client.
  local address = string.format("10.%d.%d.%d", salt % 250 + 1,
    (thread_id * 50 + math.floor(client / 250)) % 250, client % 250 + 1)
  return wrk.format("POST", "/api/v1/cards/verify", {
    ["Content-Type"] = "application/json",
    ["X-Forwarded-For"] = address,
  }, body)
end
