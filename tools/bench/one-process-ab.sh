#!/usr/bin/env bash
# tools/bench/one-process-ab.sh [PAIRS] — the platform as seven processes (deploy/local/up.sh) against the same in one
# process (up.sh --one-process, decision 0016), alternated PAIRS times (default 2) in one run, on the same servers and
# databases. Each round starts the platform in its mode, warms it up, then measures:
#   - an alert storm through the gateway (signed alerts, 500 distinct ids, a tenth with news) at BENCH_STORM_RATE/s
#     (default 2,000) for 20 s: the rate the client could send, p99, and whether it gave exactly 500 tickets;
#   - CPU time per created ticket of every process at 50 tickets/s for 10 s (tools/bench/cpu-per-ticket.sh, one run);
#   - the memory of the .NET processes 30 s after the load (tools/bench/memory.sh): RSS and Pss in all.
# Prints one line per round and the median of each mode. Leaves the platform running in the mode of the last round
# (seven processes); deploy/local/down.sh stops it.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=deploy/local/common.sh
source "$HERE/../../deploy/local/common.sh"
cd "$PLATFORM_ROOT"
PAIRS=${1:-2}
[[ $PAIRS =~ ^[1-9][0-9]*$ ]] || die "PAIRS must be a positive number (got '$PAIRS')"
STORM_RATE=${BENCH_STORM_RATE:-2000}
GATEWAY=http://127.0.0.1:${GATEWAY_PORT:-5000}

# As tools/bench/run.sh: the per-client rate limit out of the way, warnings only in the logs.
export Gateway__RateLimit__PermitsPerSecond=1000000 Gateway__RateLimit__Burst=1000000 Logging__LogLevel__Default=Warning
dotnet build Platform.sln -c Release -nologo -v quiet >/dev/null
dotnet build tools/bench/Platform.Bench -c Release -nologo -v quiet >/dev/null
BENCH=(dotnet tools/bench/Platform.Bench/bin/Release/net10.0/Platform.Bench.dll)

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
declare -A RATE P99 CPU RSS PSS
round() { # MODE ("processes" or "one-process")
  local mode=$1 args=() storm cpu memory
  [[ $mode == one-process ]] && args=(--one-process)
  # Both modes start on an equal footing: up.sh stops whatever an earlier round left running.
  bash deploy/local/up.sh "${args[@]}" >"$PLATFORM_DATA/one-process-ab-up.log" 2>&1 ||
    { tail -30 "$PLATFORM_DATA/one-process-ab-up.log"; die "up.sh ${args[*]} failed"; }
  "${BENCH[@]}" storm --gateway "$GATEWAY" --seconds 5 --rate 1000 --alerts 500 --news 0.1 >/dev/null 2>&1 || true # warm-up
  storm=$("${BENCH[@]}" storm --gateway "$GATEWAY" --seconds 20 --rate "$STORM_RATE" --alerts 500 --news 0.1 2>&1 | sed -n 's/^RESULT storm: //p' || true)
  cpu=$(bash "$HERE/cpu-per-ticket.sh" --rate 50 --seconds 10 --runs 1 2>/dev/null | sed -n 's/^| \*\*all\*\* | \*\*\([0-9.]*\)\*\* |$/\1/p' || true)
  sleep 30
  memory=$(bash "$HERE/memory.sh" | sed -n 's/^MEMORY //p')
  local rate p99 rss pss
  rate=$(sed -nE 's/.*\(([0-9]+)\/s sent\).*/\1/p' <<<"$storm"); p99=$(sed -nE 's/.*p99 ([0-9.]+) ms.*/\1/p' <<<"$storm")
  rss=$(sed -nE 's/.*rss=([0-9]+).*/\1/p' <<<"$memory"); pss=$(sed -nE 's/.*pss=([0-9]+).*/\1/p' <<<"$memory")
  RATE[$mode]+="$rate " P99[$mode]+="$p99 " CPU[$mode]+="$cpu " RSS[$mode]+="$rss " PSS[$mode]+="$pss "
  local exact=no
  [[ $storm == *"500 tickets for 500 alerts"* && $storm != *MISMATCH* ]] && exact=yes
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$pair" "$mode" "${rate:--}" "${p99:--}" "$exact" "${cpu:--}" "${rss:--}" "${pss:--}"
}

echo "## Seven processes against one ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, Release; storm $STORM_RATE/s for 20 s; CPU per ticket at 50/s for 10 s; memory 30 s after)"
echo
echo "| pair | mode | storm sent/s | storm p99 ms | exactly 500 tickets | CPU ms per ticket (all processes) | RSS MB | Pss MB |"
echo "|---|---|---:|---:|---|---:|---:|---:|"
for ((pair = 1; pair <= PAIRS; pair++)); do
  round one-process
  round processes
done
echo
echo "Medians:"
echo
echo "| mode | storm sent/s | storm p99 ms | CPU ms per ticket | RSS MB | Pss MB |"
echo "|---|---:|---:|---:|---:|---:|"
for mode in processes one-process; do
  printf '| %s | %s | %s | %s | %s | %s |\n' "$mode" \
    "$(tr ' ' '\n' <<<"${RATE[$mode]}" | grep -v '^$' | median)" "$(tr ' ' '\n' <<<"${P99[$mode]}" | grep -v '^$' | median)" \
    "$(tr ' ' '\n' <<<"${CPU[$mode]}" | grep -v '^$' | median)" "$(tr ' ' '\n' <<<"${RSS[$mode]}" | grep -v '^$' | median)" \
    "$(tr ' ' '\n' <<<"${PSS[$mode]}" | grep -v '^$' | median)"
done
