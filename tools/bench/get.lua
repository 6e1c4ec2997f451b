-- wrk script (closed loop, as many requests as the connections allow): prints one line for tools/bench/run.sh
done = function(summary, latency, requests)
  io.write(string.format("WRK %.0f %.2f %.2f %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests))
end
