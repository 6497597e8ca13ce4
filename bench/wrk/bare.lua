-- Reference (a): the /healthz answer from a Django handler with no middleware (bench.wsgi).
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
init = bench_init
request = function() return wrk.format("GET", "/bench/bare") end
