-- Reference (b): the same view through the full production middleware stack.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
init = bench_init
request = function() return wrk.format("GET", "/bench/full") end
