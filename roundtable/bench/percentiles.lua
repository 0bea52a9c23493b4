-- wrk's --latency table stops at 50/75/90/99 %; the benchmark also needs p95.
-- One machine-readable line at the end, latencies in microseconds.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH p50_us=%d p95_us=%d p99_us=%d requests=%d errors=%d\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    summary.requests, e.connect + e.read + e.write + e.status + e.timeout))
end
