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
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
UP="$ROOT/.data/up"; pidfile=$UP/pids/$name.pid; log=$UP/logs/$name.log
pid=$(cat "$pidfile" 2>/dev/null) && [[ -r /proc/$pid/environ ]] || { echo "$name is not running: start deploy/local/up.sh" >&2; exit 1; }
mapfile -d '' envs < "/proc/$pid/environ"; mapfile -d '' cmd < "/proc/$pid/cmdline"; cwd=$(readlink "/proc/$pid/cwd")
port=$(printf '%s\n' "${cmd[@]}" | sed -n 's#^http://127.0.0.1:\([0-9]*\).*#\1#p' | head -1)
dll=$(basename "$(printf '%s\n' "${cmd[@]}" | grep -m1 '\.dll$')")
tck=$(getconf CLK_TCK)
# Dead once it is a zombie: the process that reaps it here (pid 1) may take a second or two, which no service waits for.
running() { kill -0 "$1" 2>/dev/null && [[ $(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) != Z ]]; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
declare -A ready_ms cpu_ms
for _ in $(seq "$runs"); do
  for v in A B; do
    dir=$dir_a; [[ $v == B ]] && dir=$dir_b
    pid=$(cat "$pidfile"); kill -KILL "$pid"; while running "$pid"; do sleep 0.01; done
    t0=$(date +%s%3N)
    (cd "$cwd" && exec setsid nohup env -i "${envs[@]}" bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" \
       dotnet "$dir/$dll" --urls "http://127.0.0.1:$port" --contentRoot "$dir") >>"$log" 2>&1 </dev/null &
    deadline=$(( t0 + 120000 ))
    until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$port/health/ready" || true) == 200 ]]; do
      (( $(date +%s%3N) < deadline )) || { echo "$name ($v) not ready after 120 s" >&2; exit 1; }
      sleep 0.03
    done
    r=$(( $(date +%s%3N) - t0 ))
    c=$(awk -v t="$tck" '{print int(($14+$15)*1000/t)}' "/proc/$(cat "$pidfile")/stat")
    ready_ms[$v]+="$r "; cpu_ms[$v]+="$c "
    echo "$name $v: kill→ready $r ms, CPU to ready $c ms (load $(cut -d' ' -f1 /proc/loadavg))"
  done
done 2> >(grep -v Killed >&2)
for v in A B; do
  echo "$name $v median: kill→ready $(tr ' ' '\n' <<<"${ready_ms[$v]}" | grep . | median) ms, CPU $(tr ' ' '\n' <<<"${cpu_ms[$v]}" | grep . | median) ms"
done
