-- GET /: the public home page (HTML, anonymous).
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
init = bench_init
request = function() return wrk.format("GET", "/", {["Accept"] = "text/html"}) end
