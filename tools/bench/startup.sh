#!/usr/bin/env bash
# startup.sh — how long a killed service takes to be ready again, and the CPU it spends getting there.
#
#   tools/bench/startup.sh [-n RUNS] [service ...]     default: 3 runs of ticketing, projects, assets, notifications, identity
#
# Needs the platform of deploy/local/up.sh running. For each run it SIGKILLs the service, starts it again with the very
# command line and environment it had (read from /proc), and times kill → /health/ready (polled every 50 ms). The
# service's own `Platform.Startup` log line gives its wall and CPU time from process start to ready. Prints each run
# and the medians. Run it on a quiet machine, then beside a load (a build, tools/bench/run.sh, tools/faults/run.sh) to see what
# start-up costs under contention: CPU to ready is the figure that load multiplies.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=tools/bench/restart-lib.sh
source "$HERE/restart-lib.sh"
RUNS=3
while getopts "n:" opt; do
  case $opt in
    n) RUNS=$OPTARG ;;
    *) echo "usage: $0 [-n RUNS] [service ...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
SERVICES=("$@")
((${#SERVICES[@]})) || SERVICES=(ticketing projects assets notifications identity)

restart_once() {   # prints: kill_to_ready_ms wall_ms cpu_ms
  local name=$1
  service_capture "$name" || return 1
  local lines_before; lines_before=$(wc -l < "$SVC_LOG")

  local t0; t0=$(now_ms)
  service_kill
  service_start || return 1
  local ready=$(( $(now_ms) - t0 ))
  # The service logs "Started W ms after the process began (C ms of CPU)" once it is ready.
  local line="" until_ms=$(( $(now_ms) + 10000 ))
  while [[ -z $line ]] && (( $(now_ms) < until_ms )); do
    line=$(tail -n +"$((lines_before + 1))" "$SVC_LOG" | grep -m1 -o 'Started [0-9]* ms after the process began ([0-9]* ms of CPU)' || true)
    [[ -n $line ]] || sleep 0.05
  done
  local wall cpu
  wall=$(sed -n 's/^Started \([0-9]*\) ms.*/\1/p' <<<"$line"); cpu=$(sed -n 's/.*(\([0-9]*\) ms of CPU)/\1/p' <<<"$line")
  echo "$ready ${wall:-n/a} ${cpu:-n/a}"
}

printf 'start-up after SIGKILL, %s run(s) each; load average %s\n' "$RUNS" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-14s %10s %10s %10s\n' service 'kill→ready' 'wall' 'CPU'
for name in "${SERVICES[@]}"; do
  results=()
  for ((i = 1; i <= RUNS; i++)); do
    r=$(restart_once "$name")
    results+=("$r")
    read -r a b c <<<"$r"
    printf '%-14s %8s ms %7s ms %7s ms\n' "$name#$i" "$a" "$b" "$c"
  done
  printf '%-14s %8s ms %7s ms %7s ms   (median)\n' "$name" \
    "$(printf '%s\n' "${results[@]}" | awk '{print $1}' | median)" \
    "$(printf '%s\n' "${results[@]}" | awk '$2 != "n/a" {print $2}' | median)" \
    "$(printf '%s\n' "${results[@]}" | awk '$3 != "n/a" {print $3}' | median)"
done
printf 'load average after: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
