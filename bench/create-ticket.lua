-- wrk script: POST a new ticket per request
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"title":"Benchmark ticket","description":"Created by bench/run.sh","requester":"bench","category":"hardware","impact":"Medium","urgency":"High"}'
done = function(summary, latency, requests)
  io.write(string.format("  p50 %.2f ms  p99 %.2f ms  non-2xx %d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status))
end
