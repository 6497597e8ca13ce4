-- POST /api/v1/auth/login with e-mail and password (Argon2: slow on purpose).
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
init = function(args)
  bench_init()
  emails = thread_tokens(os.getenv("BENCH_EMAILS"), thread_id,
    tonumber(os.getenv("BENCH_WRK_THREADS") or "1"))
  password = os.getenv("BENCH_PASSWORD")
  n = 0
end
request = function()
  n = n + 1
  local body = string.format('{"email": "%s", "password": "%s"}', emails[(n - 1) % #emails + 1],
    password)
  return wrk.format("POST", "/api/v1/auth/login", {["Content-Type"] = "application/json"}, body)
end
