-- Adds up the reservations the lock-heavy endpoint reports, so that throughput is work done, not requests:
-- each request holds its threads for a fixed 200 ms, so requests per second hardly move under overhead.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  reservations = 0
end

function response(status, headers, body)
  local n = body:match('"reservations":(%d+)')
  if n then
    reservations = reservations + tonumber(n)
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("reservations")
  end
  io.write(string.format("reservations %d\n", total))
end
