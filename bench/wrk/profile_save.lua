-- PATCH /api/v1/profile: a job seeker changes the address line (token-authenticated).
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
init = bench_init
request = function()
  local body = string.format('{"address_line": "Jl. Merdeka No. %d"}', math.random(1, 999))
  return wrk.format("PATCH", "/api/v1/profile", {
    ["Authorization"] = "Bearer " .. take_token(),
    ["Content-Type"] = "application/json",
  }, body)
end
