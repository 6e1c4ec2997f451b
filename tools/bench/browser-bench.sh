# browser-bench.sh — sourced by the portal's browser benchmarks (portal.sh, pmo.sh), after deploy/local/common.sh.
#
#   browser_bench_prepare        GATEWAY set; the up.sh platform answers; chromium installed; Platform.Bench built
#   browser_bench_table TITLE    the heading and the table's head
#   browser_bench SCENARIO ARGS  runs Platform.Bench's scenario against $GATEWAY (prints the rows)
browser_bench_prepare() {
  GATEWAY=http://127.0.0.1:${GATEWAY_PORT:-5000}
  [[ $(http_status "$GATEWAY/health/ready") == 200 ]] || die "the platform is not running: start deploy/local/up.sh"
  ensure_chromium
  dotnet build tools/bench/Platform.Bench -c Release -nologo -v quiet >/dev/null
}

browser_bench_table() {
  echo "### $1; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| figure | n | p50 ms | p95 ms | max ms |"
  echo "|---|---:|---:|---:|---:|"
}

browser_bench() { dotnet tools/bench/Platform.Bench/bin/Release/net10.0/Platform.Bench.dll "$1" --gateway "$GATEWAY" "${@:2}"; }
