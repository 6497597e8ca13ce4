-- Reference (c): one durable INSERT and COMMIT through the full stack.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
init = bench_init
request = function()
  return wrk.format("POST", "/bench/insert", {["Content-Type"] = "application/json"}, "{}")
end
