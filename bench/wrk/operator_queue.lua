-- GET /api/v1/applications/operator/queue: the operator's work queue (token-authenticated).
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
init = bench_init
request = function()
  return wrk.format("GET", "/api/v1/applications/operator/queue", {
    ["Authorization"] = "Bearer " .. os.getenv("BENCH_OPERATOR_TOKEN"),
  })
end
