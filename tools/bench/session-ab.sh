#!/usr/bin/env bash
# session-ab.sh — what a session of its own is worth to a restarting service beside a busy neighbour.
#
#   tools/bench/session-ab.sh SERVICE [RUNS] [BUSY_LOOPS]      e.g. tools/bench/session-ab.sh projects 3 8
#
# Needs the platform of deploy/local/up.sh running. Starts BUSY_LOOPS shell busy loops in this script's session (a
# build started from the same terminal as the launcher), then alternately SIGKILLs the service and starts it again
# with its own command line and environment (a) in a session of its own (setsid, as up.sh and the fault driver start
# services) and (b) in this script's session, and prints kill → /health/ready and the CPU the process used until then.
# With the kernel's autogroup scheduling (/proc/sys/kernel/sched_autogroup_enabled) CPU is shared between sessions
# first, then between the threads of a session. Leaves the service running in a session of its own.
set -euo pipefail
name=$1; runs=${2:-3}; loops=${3:-8}
# shellcheck source=tools/bench/restart-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/restart-lib.sh"
service_capture "$name"
tck=$(getconf CLK_TCK)
echo "autogroup scheduling: $(cat /proc/sys/kernel/sched_autogroup_enabled 2>/dev/null || echo unknown); $loops busy loops in this session"
busy=()
for _ in $(seq "$loops"); do (while :; do :; done) & busy+=($!); done
trap 'kill "${busy[@]}" 2>/dev/null || true' EXIT

declare -A ready_ms
for _ in $(seq "$runs"); do
  for v in own shared; do
    service_kill
    t0=$(now_ms)
    SVC_SESSION=$v service_start
    r=$(( $(now_ms) - t0 ))
    pid=$(cat "$SVC_PIDFILE")
    c=$(awk -v t="$tck" '{print int(($14+$15)*1000/t)}' "/proc/$pid/stat")
    ready_ms[$v]+="$r "
    echo "$name, $v session: kill→ready $r ms, CPU to ready $c ms (load $(cut -d' ' -f1 /proc/loadavg))"
  done
done
for v in own shared; do
  echo "median kill→ready, $v session: $(tr ' ' '\n' <<<"${ready_ms[$v]}" | grep . | median) ms"
done
service_kill; service_start
