-- wrk script for scripts/bench-router.sh: POSTs the JSON body in $BENCH_BODY and checks every response:
--   errbody = responses whose body contains "errors";  short = 200 responses shorter than $BENCH_MIN_BYTES.
-- done() prints one line: RESULT requests=.. rps=.. p50_us=.. p99_us=.. max_us=.. non2xx=.. sockerr=.. errbody=.. short=..
local f = assert(io.open(os.getenv("BENCH_BODY"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
local min_bytes = tonumber(os.getenv("BENCH_MIN_BYTES") or "0")
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) errbody = 0; short = 0 end
function response(status, headers, body)
  if body then
    if string.find(body, '"errors"', 1, true) then errbody = errbody + 1 end
    if status == 200 and #body < min_bytes then short = short + 1 end
  end
end
function done(summary, latency, requests)
  local eb, sh = 0, 0
  for _, t in ipairs(threads) do eb = eb + (t:get("errbody") or 0); sh = sh + (t:get("short") or 0) end
  local e = summary.errors
  io.write(string.format("RESULT requests=%d rps=%.1f p50_us=%d p99_us=%d max_us=%d non2xx=%d sockerr=%d errbody=%d short=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(99),
    latency.max, e.status, e.connect + e.read + e.write + e.timeout, eb, sh))
end
