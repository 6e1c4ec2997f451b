# tools/bench/restart-lib.sh — sourced by the bench scripts that restart one service of the deploy/local/up.sh
# platform (startup.sh, the *-ab.sh scripts) with its own command line and environment, and wait until it answers
# /health/ready; by those that read the platform's databases (up_psql, up_backlog, up_ticket_mark) or sign in (bench_token);
# and by those that create tickets at a rate and wait for the consumers (up_bench_warm, up_create, up_drain).
# shellcheck shell=bash

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH_UP="$BENCH_ROOT/.data/up"

now_ms() { date +%s%3N; }

# up_psql DATABASE SQL...: psql -qAt against the up.sh platform's PostgreSQL (its port from servers.sh env up).
BENCH_PG_PORT=$(bash "$BENCH_ROOT/deploy/local/servers.sh" env up | sed -nE 's/.*PLATFORM_POSTGRES=.*Port=([0-9]+).*/\1/p')
up_psql() {
  local db=$1; shift
  PGPASSWORD=platform psql -h 127.0.0.1 -p "$BENCH_PG_PORT" -U platform -d "$db" -qAt -v ON_ERROR_STOP=1 -c "$*"
}
# up_queued: messages in the broker's queues. Needs PLATFORM_RABBITMQ_MANAGEMENT (eval "$(servers.sh env up)").
up_queued() {
  curl -fsS "${PLATFORM_RABBITMQ_MANAGEMENT}api/queues?columns=messages" 2>/dev/null |
    python3 -c 'import json,sys; print(sum(q.get("messages", 0) or 0 for q in json.load(sys.stdin)))' 2>/dev/null || echo 0
}
# up_outboxes: outbox rows not yet dispatched, in every service's database (four psql connections: a new connection
# costs PostgreSQL about 30 ms of CPU, which lands in what a bench measures).
up_outboxes() {
  local outboxes=0 db n
  for db in platform_ticketing platform_notifications platform_assets platform_projects; do
    n=$(up_psql "$db" "SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NULL" 2>/dev/null || echo 0)
    outboxes=$((outboxes + n))
  done
  echo "$outboxes"
}
# up_backlog: messages in the broker's queues plus outbox rows not yet dispatched (0: the consumers kept up or caught
# up). Needs PLATFORM_RABBITMQ_MANAGEMENT (eval "$(servers.sh env up)").
up_backlog() { echo $(($(up_queued) + $(up_outboxes))); }
# up_ticket_mark: the highest ticket number so far (read from the number index); up_tickets_since MARK: how many tickets
# were created after it (numbers come from one sequence). Both are cheap, unlike a count(*) of the tickets table: with
# a million tickets that took ~0.9 s and two parallel workers (~2.5 s of PostgreSQL CPU), done twice per run it was
# ~2-4 ms per ticket of what cpu-per-ticket.sh measured at 100/s until 2026-12-04 22:10.
up_ticket_mark() { up_psql platform_ticketing "SELECT coalesce(max(number), 0) FROM tickets"; }
up_tickets_since() { up_psql platform_ticketing "SELECT count(*) FROM tickets WHERE number > $1"; }
# up_bench_warm GATEWAY_URL RATE [SECONDS]: builds tools/bench/Platform.Bench (Release), sets UP_BENCH to its command
# line, creates tickets at RATE/s for SECONDS (3) as a warm-up (JIT tiers, pools) and waits up to 120 s for the backlog
# to drain.
up_bench_warm() {
  dotnet build "$BENCH_ROOT/tools/bench/Platform.Bench" -c Release -nologo -v quiet >/dev/null
  UP_BENCH=(dotnet "$BENCH_ROOT/tools/bench/Platform.Bench/bin/Release/net10.0/Platform.Bench.dll")
  "${UP_BENCH[@]}" create --gateway "$1" --seconds "${3:-3}" --rates "$2" >/dev/null 2>&1 || true
  up_drain 120 >/dev/null || true
}
# up_drain SECONDS: waits until the backlog is empty; "yes", or "no" (and status 1) if it is not within SECONDS. The
# outboxes are read only once the broker's queues are empty: each read opens four connections, whose cost would
# otherwise be a good part of the PostgreSQL CPU that cpu-per-ticket.sh measures (up to 2–3 ms per ticket at 100/s
# when they were read every 0.2 s).
up_drain() {
  local deadline=$((SECONDS + $1))
  until (($(up_queued) == 0)) && (($(up_outboxes) == 0)); do
    ((SECONDS < deadline)) || { echo no; return 1; }
    sleep 0.2
  done
  echo yes
}
# up_create GATEWAY_URL RATE SECONDS [COMMAND...]: creates tickets through the gateway at RATE/s for SECONDS
# (Platform.Bench's table on stderr; up_bench_warm first), then waits up to 120 s for the backlog; sets UP_CREATED
# (tickets) and UP_DRAINED (yes|no). COMMAND, if given, runs in this shell between the last ticket's drain and the count
# of tickets (a CPU snapshot that should hold the drain but not the count's own connection).
up_create() {
  local mark
  mark=$(up_ticket_mark)
  "${UP_BENCH[@]}" create --gateway "$1" --seconds "$3" --rates "$2" >&2
  UP_DRAINED=$(up_drain 120) || true
  (($# > 3)) && "${@:4}"
  UP_CREATED=$(up_tickets_since "$mark")
}
# bench_token GATEWAY_URL: an access token of the demo agent bob (tickets and projects), from the gateway.
bench_token() {
  curl -fsS "$1/connect/token" -d grant_type=password -d client_id=platform-cli -d username=bob \
    -d 'password=Passw0rd!' -d 'scope=openid tickets projects' | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}
# up_processes ARRAY: fills the associative array named ARRAY with the pids of every process of the up.sh platform, by
# name: the services from up.sh's pid files, postgresql (the postmaster), rabbitmq and smtp-sink by their data
# directories. Fails when no platform runs.
up_processes() {
  local -n procs=$1
  local f p
  for f in "$BENCH_UP"/pids/*.pid; do
    [[ -f $f ]] && procs[$(basename "$f" .pid)]=$(cat "$f")
  done
  ((${#procs[@]})) || { echo "no up.sh platform running (no pid files in $BENCH_UP/pids)" >&2; return 1; }
  procs[postgresql]=$(head -1 "$BENCH_UP/postgres/postmaster.pid")
  for p in $(pgrep -x beam.smp); do
    if tr '\0' '\n' </proc/"$p"/environ 2>/dev/null | grep -q "^RABBITMQ_MNESIA_BASE=$BENCH_UP/rabbitmq"; then procs[rabbitmq]=$p; fi
  done
  for p in $(pgrep -f smtp-sink.py || true); do
    # (if, not &&: another sink, such as the test servers', must not end the loop, and a caller under set -e, false)
    if tr '\0' ' ' </proc/"$p"/cmdline 2>/dev/null | grep -q "$BENCH_UP/smtp"; then procs[smtp-sink]=$p; fi
  done
}
# cpu_ticks PID: CPU ticks (user + system) of a process and its descendants two levels down (live ones, plus what
# reaped children left in the parent's c-times): PostgreSQL's backends are children of the postmaster.
cpu_ticks() {
  local root=$1 total=0 pid stat
  for pid in $root $(pgrep -P "$root" || true) $(for c in $(pgrep -P "$root" || true); do pgrep -P "$c" || true; done); do
    stat=$(cat /proc/"$pid"/stat 2>/dev/null) || continue
    stat=${stat##*) }   # the fields after the command name
    read -r -a f <<<"$stat"
    # fields 14-17 of stat (utime stime cutime cstime) are 11-14 here (counting from 0 after "state")
    total=$((total + f[11] + f[12] + f[13] + f[14]))
  done
  echo "$total"
}
# snapshot ARRAY: one line "name ticks" per process of the array up_processes filled (service pids read again from
# their pid files, so a restarted service is followed).
snapshot() {
  local -n procs=$1
  local n pid
  for n in "${!procs[@]}"; do
    pid=${procs[$n]}
    [[ -f $BENCH_UP/pids/$n.pid ]] && pid=$(cat "$BENCH_UP/pids/$n.pid")
    echo "$n $(cpu_ticks "$pid")"
  done
}
# cpu_ms_per ARRAY BEFORE COUNT [PLACES] [AFTER]: one line "name ms" per process of the array up_processes filled: the
# CPU it used since the "name ticks" pairs held in the associative array named BEFORE (from snapshot), in ms per one of
# COUNT (created tickets, raised notices), with PLACES decimals (2); up to now, or up to the pairs of the associative
# array named AFTER.
cpu_ms_per() {
  local -n since=$2
  local count=$3 places=${4:-2} ticks n t
  ticks=$(getconf CLK_TCK)
  while read -r n t; do
    echo "$n $(awk -v a="${since[$n]:-0}" -v b="$t" -v k="$ticks" -v c="$count" -v f="%.${places}f" 'BEGIN { printf f, (b - a) * 1000 / k / c }')"
  done < <(if (($# > 4)); then local -n upto=$5; for n in "${!upto[@]}"; do echo "$n ${upto[$n]}"; done; else snapshot "$1"; fi)
}
# pg_snapshot POSTMASTER_PID: one line "pid group ticks" per PostgreSQL process: the backends of each database
# ("backends~platform_ticketing"), each auxiliary process by its title (walwriter, checkpointer, autovacuum~worker…) and
# the postmaster itself; plus "0 exited ticks", what the postmaster's reaped children used in all (pg_split).
pg_snapshot() {
  local pm=$1 pid title stat
  stat=$(cat /proc/"$pm"/stat) && stat=${stat##*) } && read -r -a f <<<"$stat" \
    && echo "$pm postmaster $((f[11] + f[12]))" && echo "0 exited $((f[13] + f[14]))"
  for pid in $(pgrep -P "$pm" || true); do
    title=$(tr '\0' ' ' </proc/"$pid"/cmdline 2>/dev/null) && stat=$(cat /proc/"$pid"/stat 2>/dev/null) || continue
    stat=${stat##*) }
    read -r -a f <<<"$stat"
    title=${title#postgres: }
    if [[ $title =~ ^[a-z_]+\ ([a-z_]+)\ [0-9.]+\( ]]; then title="backends ${BASH_REMATCH[1]}"
    elif [[ $title == autovacuum\ worker* ]]; then title="autovacuum worker"
    fi
    title=$(sed 's/ *$//; s/ /~/g' <<<"$title")
    echo "$pid $title $((f[11] + f[12] + f[13] + f[14]))"
  done
}
# pg_split BEFORE_FILE AFTER_FILE: the CPU ticks each kind of PostgreSQL process used between two pg_snapshot outputs,
# one line "group ticks". A process alive at both counts its difference; one that started in between, all of it; one
# that ended in between (a pooled connection closed, an autovacuum worker done) counts under "ended": what the reaped
# children used in between, less what those that ended had used before the first snapshot.
pg_split() {
  awk 'NR == FNR { before[$1] = $3; next }
       { after[$1] = 1; if ($1 == 0) ended += $3 - before[0]; else used[$2] += $3 - ($1 in before ? before[$1] : 0) }
       END {
         for (pid in before) if (pid != 0 && !(pid in after)) ended -= before[pid]
         used["ended"] = ended
         for (g in used) print g, used[g]
       }' "$1" "$2"
}
# Dead once it is a zombie: the process that reaps it here (pid 1) may take a second or two, which no service waits for.
running() { kill -0 "$1" 2>/dev/null && [[ $(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) != Z ]]; }
median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print "n/a"; else if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# service_capture NAME: reads the running service's pid file, environment, command line, directory and port into
# SVC_PIDFILE, SVC_LOG, SVC_PID, SVC_ENVS, SVC_CMD, SVC_CWD, SVC_PORT; fails when it is not running.
service_capture() {
  SVC_PIDFILE="$BENCH_UP/pids/$1.pid"; SVC_LOG="$BENCH_UP/logs/$1.log"
  SVC_PID=$(cat "$SVC_PIDFILE" 2>/dev/null) && [[ -r /proc/$SVC_PID/environ ]] \
    || { echo "$1 is not running: start deploy/local/up.sh" >&2; return 1; }
  mapfile -d '' SVC_ENVS < "/proc/$SVC_PID/environ"
  mapfile -d '' SVC_CMD < "/proc/$SVC_PID/cmdline"
  SVC_CWD=$(readlink "/proc/$SVC_PID/cwd")
  SVC_PORT=$(printf '%s\n' "${SVC_CMD[@]}" | sed -n 's#^http://127.0.0.1:\([0-9]*\).*#\1#p' | head -1)
  [[ -n $SVC_PORT ]] || { echo "no --urls port in $1's command line" >&2; return 1; }
}

# service_kill: SIGKILLs the captured service's current process and waits until it is gone.
service_kill() {
  local pid; pid=$(cat "$SVC_PIDFILE")
  kill -KILL "$pid"
  while running "$pid"; do sleep 0.01; done
}

# service_start [VAR=value ...] [-- COMMAND ...]: starts the service again in its own session with its captured
# environment plus the given variables, and its captured command line unless one follows "--"; then polls
# /health/ready every 30 ms until it answers 200 (fails after 120 s). The new pid goes to its pid file.
service_start() {
  local -a extra=() cmd=("${SVC_CMD[@]}")
  while (($#)); do
    if [[ $1 == -- ]]; then shift; cmd=("$@"); break; fi
    extra+=("$1"); shift
  done
  # A session of its own (setsid), as up.sh starts services; SVC_SESSION=shared keeps it in the caller's session
  # (tools/bench/session-ab.sh compares the two).
  local -a session=(setsid)
  [[ ${SVC_SESSION:-own} == shared ]] && session=()
  # Every descriptor of the background job goes to the log: a caller may run inside $(...), whose pipe must close.
  # Started from a subshell that exits at once, so the service is not this shell's child: no "Killed" job report
  # when service_kill stops it, and no descriptor of a caller's process substitution stays open in it.
  ( (cd "$SVC_CWD" && exec "${session[@]}" nohup env -i "${SVC_ENVS[@]}" "${extra[@]}" bash -c 'echo $$ >"$0"; exec "$@"' \
     "$SVC_PIDFILE" "${cmd[@]}") >>"$SVC_LOG" 2>&1 </dev/null & )
  ready_wait "$SVC_PORT" "$(basename "$SVC_PIDFILE" .pid)"
}

# ready_wait PORT NAME: polls http://127.0.0.1:PORT/health/ready every 30 ms until it answers 200 (a service's readiness
# includes its database); fails after 120 s.
ready_wait() {
  local deadline=$(( $(now_ms) + 120000 ))
  until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$1/health/ready" || true) == 200 ]]; do
    (( $(now_ms) < deadline )) || { echo "$2 not ready 120 s after its restart" >&2; return 1; }
    sleep 0.03
  done
}

# service_dll: the file name of the captured service's assembly (Platform.X.dll), from its command line.
service_dll() { basename "$(printf '%s\n' "${SVC_CMD[@]}" | grep -m1 '\.dll$')"; }

# service_start_build DIR [VAR=value ...]: starts the captured service from another build of it (DIR holds its
# service_dll), with its own environment plus the given variables and its port, as service_start does. A relative DIR
# is taken from the caller's directory.
service_start_build() {
  local dir
  dir=$(cd "$1" && pwd)
  shift
  service_start "$@" -- dotnet "$dir/$(service_dll)" --urls "http://127.0.0.1:$SVC_PORT" --contentRoot "$dir"
}

# ab_cpu_per_ticket PAIRS START A B [cpu-per-ticket.sh arguments]: PAIRS times, variant A then variant B, calls
# START with the variant (settings, a build's directory) and measures the CPU per created ticket of every process with
# tools/bench/cpu-per-ticket.sh (one run each), each table labelled (config-ab.sh, build-ab.sh).
ab_cpu_per_ticket() {
  local pairs=$1 start=$2 a=$3 b=$4 pair label variant
  shift 4
  for ((pair = 1; pair <= pairs; pair++)); do
    for label in A B; do
      variant=$a
      [[ $label == B ]] && variant=$b
      "$start" "$variant"
      echo "### $label ($variant), pair $pair"
      "$BENCH_ROOT/tools/bench/cpu-per-ticket.sh" --runs 1 "$@" 2>/dev/null
    done
  done
}

# service_restart_with "VAR=value ...": SIGKILLs the captured service and starts it again with its captured
# environment plus these variables (split on spaces), as service_kill and service_start do.
service_restart_with() {
  local -a vars
  read -r -a vars <<<"$1"
  service_kill
  service_start "${vars[@]}"
}
