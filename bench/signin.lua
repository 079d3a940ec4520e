-- wrk script: every request signs in one of the benchmark's 50 accounts, in turn (a JSON
-- POST, as the sign-in page does). Many candidates at once, not one account 50 times.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"

local counter = 0
request = function()
  counter = counter + 1
  local body = string.format(
    '{"form":{"email":"bench%d@example.fr","password":"Rivière.Bleue7"}}', counter % 50 + 1)
  return wrk.format(nil, nil, nil, body)
end

function done(summary, latency, requests)
  io.write(string.format("non-200: %d\n", summary.errors.status))
end
