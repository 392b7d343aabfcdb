-- Cycles through the sample app's hot paths (CPU, allocation, locks) so a recording holds many distinct stacks.
local paths = { "/primes?limit=20000", "/report?rows=500", "/primes?limit=50000", "/inventory/reserve?threads=2" }
local i = 0

request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
