-- GET /healthz: liveness through the full middleware stack (the issue's baseline).
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
init = bench_init
request = function() return wrk.format("GET", "/healthz") end
