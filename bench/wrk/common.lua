-- Shared by every bench/wrk script: per-thread status counts and a JSON summary line
-- ("WRKJSON {...}") that bench/load.py reads. Each script loads it with
--   dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
-- Environment: BENCH_TOKENS (a file, one API token a line), BENCH_OPERATOR_TOKEN,
-- BENCH_CARD_NUMBER, BENCH_CARD_BIRTH_DATE, BENCH_UPLOAD_DIR, BENCH_PASSWORD.

local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_id", thread_count)
  table.insert(threads, thread)
end

statuses = {}

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
end

-- This thread's share of a token file: lines id, id + n, id + 2n, ... (n = wrk threads),
-- so that no two threads ever send the same token (each job seeker submits once).
function thread_tokens(path, id, n)
  local mine = {}
  local i = 0
  for line in io.lines(path) do
    if line ~= "" then
      if i % n == id - 1 then table.insert(mine, line) end
      i = i + 1
    end
  end
  return mine
end

function bench_init()
  thread_id = thread_id or 1
  local n = tonumber(os.getenv("BENCH_WRK_THREADS") or "1")
  local path = os.getenv("BENCH_TOKENS")
  tokens = {}
  if path and path ~= "" then tokens = thread_tokens(path, thread_id, n) end
  next_token = 0
end

function take_token()
  next_token = next_token + 1
  if #tokens == 0 then return "" end
  return tokens[(next_token - 1) % #tokens + 1]
end

function done(summary, latency, requests)
  local merged = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses") or {}
    for k, v in pairs(counts) do merged[k] = (merged[k] or 0) + v end
  end
  local parts = {}
  for k, v in pairs(merged) do table.insert(parts, string.format('"%s": %d', k, v)) end
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, ' ..
    '"mean_us": %.1f, "max_us": %d, "connect_errors": %d, "read_errors": %d, ' ..
    '"write_errors": %d, "timeouts": %d, "non_2xx_3xx": %d, "statuses": {%s}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.mean, latency.max, summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.timeout, summary.errors.status,
    table.concat(parts, ", ")))
end
