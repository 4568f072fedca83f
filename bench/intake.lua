-- wrk script for bench/intake.py: POST /api/v1/cases with a bearer token, keep-alive.
-- Each request gets a new customer name and message number, built the way the httpx client of
-- bench/intake.py builds them, so both clients send the server the same kind of work. Counts the
-- replies that are not 201 so that the bench can refuse to report a rate built on errors.
-- Usage: AMENDS_BENCH_TOKEN=... wrk -t1 -c4 -d10s -s bench/intake.lua http://127.0.0.1:PORT

local messages = {
  "My parcel arrived two weeks late and the box was crushed. I would like a refund.",
  "I was charged twice for order %d. Please return the duplicate payment.",
  "The coffee tasted burnt and the staff were rude when I mentioned it.",
  "The hotel room was not cleaned when we arrived and we waited an hour for another.",
  "Cancelling my gym membership is impossible and you charged me again this month.",
}

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  n = 0
  created = 0
  failed = 0
  first_error = ""
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("AMENDS_BENCH_TOKEN")
  math.randomseed(tid + 1)
end

function request()
  n = n + 1
  local message = string.format(messages[math.random(#messages)], n)
  local body = string.format(
    '{"customer": {"name": "Bench w%d-%d", "email": "w%d.%d@bench.example"}, "channel": "api", "message": "%s"}',
    tid, n, tid, n % 500, message)
  return wrk.format(nil, "/api/v1/cases", nil, body)
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  else
    failed = failed + 1
    if first_error == "" then first_error = status .. " " .. string.sub(body, 1, 200) end
  end
end

function done(summary, latency, requests)
  local ok, bad, err = 0, 0, ""
  for _, thread in ipairs(threads) do
    ok = ok + thread:get("created")
    bad = bad + thread:get("failed")
    if err == "" then err = thread:get("first_error") end
  end
  io.write(string.format("WRK created=%d failed=%d seconds=%.3f p50_ms=%.2f p95_ms=%.2f socket_errors=%d\n",
    ok, bad, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  if err ~= "" then io.write("WRK first_error=" .. err .. "\n") end
end
