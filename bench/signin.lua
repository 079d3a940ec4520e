-- wrk script: every request signs in the benchmark's account (a JSON POST, as the page does).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
wrk.body = '{"form":{"email":"bench@example.fr","password":"Rivière.Bleue7"}}'

local failures = 0
function response(status, headers, body)
  if status ~= 200 then failures = failures + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("non-200: %d\n", summary.errors.status))
end
