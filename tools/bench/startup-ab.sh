#!/usr/bin/env bash
# startup-ab.sh — start-up of two builds of one service, alternated on the same machine at the same time (a ratio that
# a noisy machine does not spoil the way two separate runs would).
#
#   tools/bench/startup-ab.sh SERVICE DIR_A DIR_B [RUNS]     e.g. projects /tmp/ab/projects-A /tmp/ab/projects-B 5
#
# DIR_A and DIR_B are copies of the service's bin/Release/net10.0 (copy it before and after a change). Needs the
# platform of deploy/local/up.sh running: each run SIGKILLs the service, starts the next build with the service's own
# environment and port, and prints kill → /health/ready (polled every 30 ms) and the CPU the process used until then
# (from /proc). Prints the medians of each build. Leaves the service running from DIR_B: restart up.sh afterwards.
set -euo pipefail
name=$1; dir_a=$2; dir_b=$3; runs=${4:-5}
# shellcheck source=tools/bench/restart-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/restart-lib.sh"
service_capture "$name"
tck=$(getconf CLK_TCK)
declare -A ready_ms cpu_ms
for _ in $(seq "$runs"); do
  for v in A B; do
    dir=$dir_a; [[ $v == B ]] && dir=$dir_b
    service_kill
    t0=$(now_ms)
    service_start_build "$dir"
    r=$(( $(now_ms) - t0 ))
    c=$(awk -v t="$tck" '{print int(($14+$15)*1000/t)}' "/proc/$(cat "$SVC_PIDFILE")/stat")
    ready_ms[$v]+="$r "; cpu_ms[$v]+="$c "
    echo "$name $v: kill→ready $r ms, CPU to ready $c ms (load $(cut -d' ' -f1 /proc/loadavg))"
  done
done
for v in A B; do
  echo "$name $v median: kill→ready $(tr ' ' '\n' <<<"${ready_ms[$v]}" | grep . | median) ms, CPU $(tr ' ' '\n' <<<"${cpu_ms[$v]}" | grep . | median) ms"
done
