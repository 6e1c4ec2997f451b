-- wrk script: print p50/p99 for a plain GET
done = function(summary, latency, requests)
  io.write(string.format("  p50 %.2f ms  p99 %.2f ms  non-2xx %d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status))
end
