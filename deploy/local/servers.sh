#!/usr/bin/env bash
# servers.sh — private PostgreSQL + RabbitMQ instances (and an SMTP sink) for local runs and tests.
#
#   deploy/local/servers.sh start|stop|status|env <profile>     profile: up | test | faults
#   deploy/local/servers.sh stop-rabbitmq|kill-rabbitmq|start-rabbitmq|stop-postgres|start-postgres <profile>
#                            (one server of a profile alone: the fault suite, tools/faults/run.sh)
#   deploy/local/servers.sh start-cluster|stop-cluster|kill-cluster <profile>
#   deploy/local/servers.sh stop-node|kill-node|start-node <profile> <1|2|3>
#                            a three-node RabbitMQ cluster of the profile (below), or one node of it
#
# PLATFORM_RABBITMQ_CLUSTER=1 makes start/status/env use the profile's three-node RabbitMQ cluster instead of its
# single node (start: PostgreSQL, the three nodes, the SMTP sink; env: PLATFORM_RABBITMQ_NODES too, and
# PLATFORM_RABBITMQ/_MANAGEMENT name node 1). stop stops whichever runs.
#
# Never touches the system-wide services: each profile has its own data under
# <repo>/.data/<profile>/ and its own ports (all on 127.0.0.1):
#
#   profile  PostgreSQL  AMQP   management  Erlang dist  node name                SMTP sink
#   up       25432       24672  15682       24682        platform-up@localhost    2525
#   test     25433       24673  15683       24683        platform-test@localhost  2526
#   faults   25434       24674  15684       24684        platform-faults@localhost 2527
#   bench    25435       24675  15685       24685        platform-bench@localhost 2528   (tools/bench/queues.sh)
#
# The cluster's nodes are separate from the single node (which stays as it is): node n (1..3) of a profile has
# AMQP, management and Erlang distribution ports 100 × n above the single node's (test: AMQP 24773/24873/24973,
# management 15783/15883/15983, dist 24783/24883/24983), node name platform-<profile>-n<n>@localhost, data in
# .data/<profile>/rabbitmq-cluster/n<n>/, and one Erlang cookie for the three (.data/<profile>/rabbitmq-cluster/).
# Nodes 2 and 3 join node 1 (rabbitmqctl join_cluster) on their first start; partitions: pause_minority.
#
# All below 32768: Linux gives client sockets local ports from 32768-60999, and a
# server port in that range is now and then held by some connection's local end
# when the server starts (CI saw EADDRINUSE on the old 556xx/554xx ports).
#
# The SMTP sink (deploy/local/smtp-sink.py, Debian's python3-aiosmtpd) accepts any
# mail and keeps each message as a file in <data>/<profile>/smtp/maildir/new/.
# Credentials (local development only): platform / platform, superuser in
# PostgreSQL, administrator with full rights on vhost "/" in RabbitMQ.
# `env <profile>` prints `export ...` lines with the connection info (eval-able).
# Sourcing this file only defines the functions (servers_profile sets SRV_* vars).
# Missing packages (postgresql, rabbitmq-server, curl, python3-aiosmtpd) are installed with apt-get.

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then set -euo pipefail; fi

# shellcheck source=deploy/local/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PLATFORM_USER=platform
PLATFORM_PASSWORD=platform
RMQ_BIN=/usr/lib/rabbitmq/bin  # the real scripts, not the /usr/sbin wrappers (they su to rabbitmq)

# ---------------------------------------------------------------- profiles ---

servers_profile() {
  case "${1:-}" in
    up)   SRV_PG_PORT=25432 SRV_AMQP_PORT=24672 SRV_MGMT_PORT=15682 SRV_DIST_PORT=24682 SRV_SMTP_PORT=2525 ;;
    test) SRV_PG_PORT=25433 SRV_AMQP_PORT=24673 SRV_MGMT_PORT=15683 SRV_DIST_PORT=24683 SRV_SMTP_PORT=2526 ;;
    faults) SRV_PG_PORT=25434 SRV_AMQP_PORT=24674 SRV_MGMT_PORT=15684 SRV_DIST_PORT=24684 SRV_SMTP_PORT=2527 ;;
    bench) SRV_PG_PORT=25435 SRV_AMQP_PORT=24675 SRV_MGMT_PORT=15685 SRV_DIST_PORT=24685 SRV_SMTP_PORT=2528 ;;
    *) die "unknown profile '${1:-}' (expected: up | test | faults | bench)" ;;
  esac
  SRV_PROFILE=$1
  SRV_BASE_AMQP_PORT=$SRV_AMQP_PORT SRV_BASE_MGMT_PORT=$SRV_MGMT_PORT SRV_BASE_DIST_PORT=$SRV_DIST_PORT
  SRV_NODE="platform-$1@localhost"
  SRV_DIR="$PLATFORM_DATA/$1"
  SRV_PG_DATA="$SRV_DIR/postgres"
  SRV_RMQ_DIR="$SRV_DIR/rabbitmq"
  SRV_RMQ_HOME="$SRV_RMQ_DIR"   # where the Erlang cookie lives (shared by a cluster's nodes)
  SRV_RMQ_CLUSTER=""
  SRV_CLUSTER_DIR="$SRV_DIR/rabbitmq-cluster"
  SRV_SMTP_DIR="$SRV_DIR/smtp"
  SRV_SMTP_MAILDIR="$SRV_SMTP_DIR/maildir"
  # The help desk's own mailbox (mail to helpdesk@example.test, also kept in the maildir above): ticketing's mail drop
  # reads this one, so it never lists the thousands of mails the platform sent to its users.
  SRV_SMTP_HELPDESK="$SRV_SMTP_DIR/helpdesk"
  SRV_POSTGRES="Host=127.0.0.1;Port=$SRV_PG_PORT;Username=$PLATFORM_USER;Password=$PLATFORM_PASSWORD"
  SRV_RABBITMQ="amqp://$PLATFORM_USER:$PLATFORM_PASSWORD@127.0.0.1:$SRV_AMQP_PORT/"
  SRV_RABBITMQ_MANAGEMENT="http://$PLATFORM_USER:$PLATFORM_PASSWORD@127.0.0.1:$SRV_MGMT_PORT/"
}

# Makes node <n> (1..3) of the profile's cluster the RabbitMQ node the rmq_* functions act on.
cluster_node() {
  local n=$1
  [[ $n =~ ^[123]$ ]] || die "cluster node must be 1, 2 or 3 (got '$n')"
  SRV_NODE="platform-$SRV_PROFILE-n$n@localhost"
  SRV_AMQP_PORT=$((SRV_BASE_AMQP_PORT + 100 * n))
  SRV_MGMT_PORT=$((SRV_BASE_MGMT_PORT + 100 * n))
  SRV_DIST_PORT=$((SRV_BASE_DIST_PORT + 100 * n))
  SRV_RMQ_DIR="$SRV_CLUSTER_DIR/n$n"
  SRV_RMQ_HOME="$SRV_CLUSTER_DIR"
  SRV_RMQ_CLUSTER=1
  SRV_RABBITMQ="amqp://$PLATFORM_USER:$PLATFORM_PASSWORD@127.0.0.1:$SRV_AMQP_PORT/"
  SRV_RABBITMQ_MANAGEMENT="http://$PLATFORM_USER:$PLATFORM_PASSWORD@127.0.0.1:$SRV_MGMT_PORT/"
}

cluster_nodes_list() {  # host:port of the three nodes' AMQP listeners, comma-separated
  echo "127.0.0.1:$((SRV_BASE_AMQP_PORT + 100)),127.0.0.1:$((SRV_BASE_AMQP_PORT + 200)),127.0.0.1:$((SRV_BASE_AMQP_PORT + 300))"
}

cluster_mode() { [[ ${PLATFORM_RABBITMQ_CLUSTER:-0} == 1 ]]; }

servers_print_env() {
  if cluster_mode; then
    cluster_node 1
    echo "export PLATFORM_RABBITMQ_NODES='$(cluster_nodes_list)'"
    local n mgmt=()
    for n in 1 2 3; do mgmt+=("http://$PLATFORM_USER:$PLATFORM_PASSWORD@127.0.0.1:$((SRV_BASE_MGMT_PORT + 100 * n))/"); done
    echo "export PLATFORM_RABBITMQ_MANAGEMENT_NODES='$(IFS=,; echo "${mgmt[*]}")'"
  fi
  cat <<EOF
export PLATFORM_POSTGRES='$SRV_POSTGRES'
export PLATFORM_RABBITMQ='$SRV_RABBITMQ'
export PLATFORM_RABBITMQ_MANAGEMENT='$SRV_RABBITMQ_MANAGEMENT'
export PLATFORM_SMTP='127.0.0.1:$SRV_SMTP_PORT'
export PLATFORM_SMTP_MAILDIR='$SRV_SMTP_MAILDIR'
EOF
}

servers_print_info() {
  echo "    PostgreSQL  $SRV_POSTGRES"
  cluster_mode && echo "    RabbitMQ cluster  $(cluster_nodes_list)  (node 1 below)"
  echo "    RabbitMQ    $SRV_RABBITMQ"
  echo "    Management  http://127.0.0.1:$SRV_MGMT_PORT/  (platform / platform)"
  echo "    SMTP sink   127.0.0.1:$SRV_SMTP_PORT  (mail kept in $SRV_SMTP_MAILDIR/new/)"
}

# ---------------------------------------------------------------- packages ---

pg_bin_dir() {  # newest installed PostgreSQL server binaries
  local d
  # shellcheck disable=SC2012  # fixed, well-known paths
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [[ -n "$d" && -x "$d/initdb" ]] && echo "$d"
}

ensure_packages() {
  local missing=() sudo=()
  pg_bin_dir >/dev/null || missing+=(postgresql)
  [[ -x "$RMQ_BIN/rabbitmq-server" ]] || missing+=(rabbitmq-server)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  smtp_python_ok || missing+=(python3-aiosmtpd)
  ((${#missing[@]} == 0)) && return 0

  if [[ $EUID -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "need ${missing[*]}: run as root or install sudo"
    sudo=(sudo)
  fi
  log "installing ${missing[*]} (apt-get)"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
  pg_bin_dir >/dev/null || die "postgresql installed but no /usr/lib/postgresql/*/bin/initdb"
  [[ -x "$RMQ_BIN/rabbitmq-server" ]] || die "rabbitmq-server installed but $RMQ_BIN/rabbitmq-server missing"
  smtp_python_ok || die "python3-aiosmtpd installed but $SMTP_PYTHON cannot import aiosmtpd"
}

# -------------------------------------------------------------- PostgreSQL ---

# PostgreSQL refuses to run as root: as root we run it as the "postgres" user.
as_pg() {
  if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_running() { [[ -f "$SRV_PG_DATA/PG_VERSION" ]] && as_pg "$PG_BIN/pg_ctl" -D "$SRV_PG_DATA" status >/dev/null 2>&1; }
pg_ready()   { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$SRV_PG_PORT" -t 3; }

# As root: make sure the postgres user can reach $SRV_DIR. Grants only
# o+x (traverse, not list) on the ancestors that lack it.
pg_make_traversable() {
  [[ $EUID -eq 0 ]] || return 0
  local path="" part parts
  IFS='/' read -r -a parts <<<"${SRV_DIR#/}"
  for part in "${parts[@]}"; do
    path="$path/$part"
    if ! runuser -u postgres -- test -x "$path" 2>/dev/null; then
      log "postgres user cannot traverse $path: chmod o+x"
      chmod o+x "$path"
    fi
  done
  runuser -u postgres -- test -x "$SRV_DIR" ||
    die "the postgres user still cannot reach $SRV_DIR (ACLs? root-squashed mount?)"
}

pg_init() {
  [[ -f "$SRV_PG_DATA/PG_VERSION" ]] && return 0
  log "initialising PostgreSQL cluster in $SRV_PG_DATA"
  mkdir -p "$SRV_DIR"
  pg_make_traversable
  rm -rf "$SRV_PG_DATA"   # leftovers of an interrupted initdb
  mkdir -m 700 "$SRV_PG_DATA"
  [[ $EUID -eq 0 ]] && chown postgres: "$SRV_PG_DATA"

  local pwfile
  pwfile=$(mktemp)
  printf '%s\n' "$PLATFORM_PASSWORD" >"$pwfile"
  [[ $EUID -eq 0 ]] && chown postgres: "$pwfile"
  if ! as_pg "$PG_BIN/initdb" -D "$SRV_PG_DATA" -U "$PLATFORM_USER" --pwfile="$pwfile" \
      -E UTF8 --locale=C --auth-local=scram-sha-256 --auth-host=scram-sha-256 \
      >"$SRV_DIR/initdb.log" 2>&1; then
    rm -f "$pwfile"
    cat "$SRV_DIR/initdb.log" >&2
    die "initdb failed"
  fi
  rm -f "$pwfile"

  # Password auth only, TCP only from 127.0.0.1 (the unix socket sits in the data dir).
  cat >"$SRV_PG_DATA/pg_hba.conf" <<'EOF'
# TYPE  DATABASE  USER  ADDRESS       METHOD
local   all       all                 scram-sha-256
host    all       all   127.0.0.1/32  scram-sha-256
EOF
  echo "include_if_exists = 'platform.conf'" >>"$SRV_PG_DATA/postgresql.conf"
  [[ $EUID -eq 0 ]] && chown postgres: "$SRV_PG_DATA/pg_hba.conf"
  return 0
}

# Settings rewritten at every start (ports etc. always match this script).
pg_write_conf() {
  local sockdir="$SRV_PG_DATA"
  # Unix socket paths are limited to ~107 bytes; on a very deep checkout use TCP only.
  (( ${#sockdir} + 20 > 100 )) && sockdir=""
  cat >"$SRV_PG_DATA/platform.conf" <<EOF
# generated by deploy/local/servers.sh ($SRV_PROFILE profile) — overwritten at every start
listen_addresses = '127.0.0.1'
port = $SRV_PG_PORT
unix_socket_directories = '$sockdir'
max_connections = 300
fsync = on
EOF
  # The test profile's data is thrown away after each run: skip the disk flushes (CREATE DATABASE per test class
  # forces a checkpoint each time). Crash safety is not what those tests check; the faults profile keeps it.
  [[ $SRV_PROFILE == test ]] && printf 'fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n' >>"$SRV_PG_DATA/platform.conf"
  # PLATFORM_PG_STATEMENTS=1: count every statement (pg_stat_statements) for tools/bench/statements-per-ticket.sh.
  [[ ${PLATFORM_PG_STATEMENTS:-0} == 1 ]] && printf "shared_preload_libraries = 'pg_stat_statements'\npg_stat_statements.max = 2000\n" >>"$SRV_PG_DATA/platform.conf"
  [[ $EUID -eq 0 ]] && chown postgres: "$SRV_PG_DATA/platform.conf"
  return 0
}

pg_start() {
  if pg_running; then
    if pg_ready; then log "PostgreSQL ($SRV_PROFILE) already running on port $SRV_PG_PORT"; return 0; fi
    die "PostgreSQL ($SRV_PROFILE) is running but not accepting connections on $SRV_PG_PORT; see $SRV_PG_DATA/server.log"
  fi
  port_open "$SRV_PG_PORT" && die "port $SRV_PG_PORT is already used by another process"
  pg_init
  pg_make_traversable
  pg_write_conf
  log "starting PostgreSQL ($SRV_PROFILE) on 127.0.0.1:$SRV_PG_PORT"
  if ! as_pg "$PG_BIN/pg_ctl" -D "$SRV_PG_DATA" -l "$SRV_PG_DATA/server.log" -w -t 60 start >/dev/null; then
    tail -n 30 "$SRV_PG_DATA/server.log" >&2 || true
    die "PostgreSQL did not start"
  fi
  pg_ready || die "PostgreSQL started but does not answer on 127.0.0.1:$SRV_PG_PORT"
}

pg_stop() {
  if pg_running; then
    log "stopping PostgreSQL ($SRV_PROFILE)"
    as_pg "$PG_BIN/pg_ctl" -D "$SRV_PG_DATA" -m fast -w -t 60 stop >/dev/null
  else
    log "PostgreSQL ($SRV_PROFILE) not running"
  fi
}

# ---------------------------------------------------------------- RabbitMQ ---

# This profile's private RabbitMQ environment. HOME points into the data dir
# so server and CLI share a private Erlang cookie. RABBITMQ_CONF_ENV_FILE and
# RABBITMQ_ADVANCED_CONFIG_FILE name files that don't exist, so nothing from
# /etc/rabbitmq is used. The CLI tools' own distribution ports default to
# 35672-35682, in the ephemeral range: moved next to the nodes' dist ports.
# Distribution (and epmd, if we are the ones starting it) listen on loopback only.
rmq_env() {
  RMQ_ENV=(
    HOME="$SRV_RMQ_HOME"
    RABBITMQ_NODENAME="$SRV_NODE"
    RABBITMQ_USE_LONGNAME=false
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
    RABBITMQ_NODE_PORT="$SRV_AMQP_PORT"
    RABBITMQ_DIST_PORT="$SRV_DIST_PORT"
    RABBITMQ_MNESIA_BASE="$SRV_RMQ_DIR/mnesia"
    RABBITMQ_LOG_BASE="$SRV_RMQ_DIR/log"
    RABBITMQ_PID_FILE="$SRV_RMQ_DIR/rabbitmq.pid"
    RABBITMQ_ENABLED_PLUGINS_FILE="$SRV_RMQ_DIR/enabled_plugins"
    RABBITMQ_CONFIG_FILE="$SRV_RMQ_DIR/rabbitmq.conf"
    RABBITMQ_ADVANCED_CONFIG_FILE="$SRV_RMQ_DIR/advanced.config"
    RABBITMQ_CONF_ENV_FILE="$SRV_RMQ_DIR/rabbitmq-env.conf"
    RABBITMQ_CTL_DIST_PORT_MIN=24690
    RABBITMQ_CTL_DIST_PORT_MAX=24710
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
    ERL_EPMD_ADDRESS=127.0.0.1
  )
}

# rabbitmqctl against this profile's node.
rmqctl() { rmq_env; env "${RMQ_ENV[@]}" "$RMQ_BIN/rabbitmqctl" -n "$SRV_NODE" "$@"; }

rmq_pid()     { cat "$SRV_RMQ_DIR/rabbitmq.pid" 2>/dev/null || true; }
rmq_running() { pid_matches "$(rmq_pid)" "beam"; }
rmq_answering() {  # management API up (401 = up, but our user isn't there yet)
  [[ "$(http_status "http://127.0.0.1:$SRV_MGMT_PORT/api/overview")" =~ ^(200|401)$ ]]
}
rmq_healthy() {
  [[ "$(http_status -u "$PLATFORM_USER:$PLATFORM_PASSWORD" "http://127.0.0.1:$SRV_MGMT_PORT/api/overview")" == 200 ]] &&
    port_open "$SRV_AMQP_PORT"
}

rmq_write_conf() {
  mkdir -p "$SRV_RMQ_DIR/mnesia" "$SRV_RMQ_DIR/log" "$SRV_RMQ_HOME"
  # Private Erlang cookie, created once (one for all of a cluster's nodes: it is in their shared HOME).
  if [[ ! -s "$SRV_RMQ_HOME/.erlang.cookie" ]]; then
    (umask 077; head -c 30 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$SRV_RMQ_HOME/.erlang.cookie")
    chmod 400 "$SRV_RMQ_HOME/.erlang.cookie"
  fi
  echo '[rabbitmq_management].' >"$SRV_RMQ_DIR/enabled_plugins"
  # default_* only apply on the very first boot; the user is (re)asserted below anyway.
  cat >"$SRV_RMQ_DIR/rabbitmq.conf" <<EOF
# generated by deploy/local/servers.sh ($SRV_PROFILE profile) — overwritten at every start
listeners.tcp.default = 127.0.0.1:$SRV_AMQP_PORT
management.tcp.port = $SRV_MGMT_PORT
management.tcp.ip = 127.0.0.1
default_user = $PLATFORM_USER
default_pass = $PLATFORM_PASSWORD
default_user_tags.administrator = true
default_permissions.configure = .*
default_permissions.read = .*
default_permissions.write = .*
EOF
  # A cluster node that loses sight of the majority stops serving instead of going its own way.
  [[ -n "$SRV_RMQ_CLUSTER" ]] && echo "cluster_partition_handling = pause_minority" >>"$SRV_RMQ_DIR/rabbitmq.conf"
  return 0
}

# Idempotently make sure platform/platform is an administrator with full rights on "/".
rmq_ensure_user() {
  local whoami
  whoami=$(curl -s --max-time 5 -u "$PLATFORM_USER:$PLATFORM_PASSWORD" "http://127.0.0.1:$SRV_MGMT_PORT/api/whoami" || true)
  if [[ "$whoami" == *administrator* ]] &&
     [[ "$(http_status -u "$PLATFORM_USER:$PLATFORM_PASSWORD" "http://127.0.0.1:$SRV_MGMT_PORT/api/permissions/%2F/$PLATFORM_USER")" == 200 ]]; then
    return 0   # fast path: already there (no Erlang CLI start-up needed)
  fi
  log "creating RabbitMQ user $PLATFORM_USER"
  local out
  if ! out=$(rmqctl add_user "$PLATFORM_USER" "$PLATFORM_PASSWORD" 2>&1); then
    [[ "$out" == *already* ]] || { echo "$out" >&2; die "rabbitmqctl add_user failed"; }
    rmqctl -q change_password "$PLATFORM_USER" "$PLATFORM_PASSWORD" >/dev/null
  fi
  rmqctl -q set_user_tags "$PLATFORM_USER" administrator >/dev/null
  rmqctl -q set_permissions -p / "$PLATFORM_USER" '.*' '.*' '.*' >/dev/null
}

rmq_start() { rmq_launch; rmq_await; }

# Starts this node's VM unless it runs already (returns at once; rmq_await waits for it).
rmq_launch() {
  RMQ_LAUNCHED=""
  rmq_running && return 0
  local p
  for p in "$SRV_AMQP_PORT" "$SRV_MGMT_PORT" "$SRV_DIST_PORT"; do
    port_open "$p" && die "port $p is already used by another process"
  done
  rmq_write_conf
  rm -f "$SRV_RMQ_DIR/rabbitmq.pid"
  log "starting RabbitMQ ($SRV_PROFILE) node $SRV_NODE on 127.0.0.1:$SRV_AMQP_PORT"
  # Own session (setsid) so Ctrl-C of the caller doesn't reach it; all output to a file.
  rmq_env
  env "${RMQ_ENV[@]}" setsid nohup "$RMQ_BIN/rabbitmq-server" >"$SRV_RMQ_DIR/log/startup.log" 2>&1 </dev/null &
  RMQ_LAUNCHED=1
}

# Waits until the node rmq_launch started (or found running) has booted and answers, with our user.
rmq_await() {
  if [[ -z "${RMQ_LAUNCHED:-}" ]] && rmq_running; then
    if rmq_answering; then
      log "RabbitMQ ($SRV_PROFILE) node $SRV_NODE already running on port $SRV_AMQP_PORT"
      rmq_ensure_user
      rmq_healthy || die "RabbitMQ ($SRV_PROFILE) runs but is not healthy (log: $SRV_RMQ_DIR/log/)"
      return 0
    fi
    log "RabbitMQ ($SRV_PROFILE) process found but not answering yet, waiting"
  fi
  # 1) the pid file appears once the Erlang VM runs, 2) await_startup, 3) HTTP API answers.
  local i
  for ((i = 0; i < 600; i++)); do
    [[ -s "$SRV_RMQ_DIR/rabbitmq.pid" ]] && break
    sleep 0.1
  done
  if ! rmq_running; then
    tail -n 30 "$SRV_RMQ_DIR/log/startup.log" >&2 || true
    die "RabbitMQ did not start (log: $SRV_RMQ_DIR/log/)"
  fi
  if ! rmqctl -q await_startup --timeout 120 >/dev/null 2>&1; then
    tail -n 30 "$SRV_RMQ_DIR/log/startup.log" >&2 || true
    die "RabbitMQ node $SRV_NODE did not finish booting (log: $SRV_RMQ_DIR/log/)"
  fi
  for ((i = 0; i < 300; i++)); do
    rmq_answering && break
    sleep 0.1
  done
  rmq_ensure_user
  rmq_healthy || die "RabbitMQ management API does not answer at http://127.0.0.1:$SRV_MGMT_PORT/api/overview"
}

rmq_stop() {
  local pid
  pid=$(rmq_pid)
  if ! rmq_running; then
    log "RabbitMQ ($SRV_PROFILE) not running"
    rm -f "$SRV_RMQ_DIR/rabbitmq.pid"
    return 0
  fi
  log "stopping RabbitMQ ($SRV_PROFILE)"
  # With the pid file argument, `stop` waits until the VM has exited.
  if ! rmqctl -q stop "$SRV_RMQ_DIR/rabbitmq.pid" >/dev/null 2>&1; then
    warn "rabbitmqctl stop failed; terminating pid $pid"
    echo "$pid" >"$SRV_RMQ_DIR/kill.pid"
    stop_pidfile "$SRV_RMQ_DIR/kill.pid" beam 20
  fi
  rm -f "$SRV_RMQ_DIR/rabbitmq.pid"
}

# ------------------------------------------------------- RabbitMQ cluster ---

# Node <n> (2 or 3) joins node 1 unless it is in its cluster already (first start, or after its data was removed).
cluster_join() {
  local n=$1 first="platform-$SRV_PROFILE-n1@localhost"
  cluster_node "$n"
  if rmqctl -q cluster_status --formatter json 2>/dev/null | grep -qF "\"$first\""; then return 0; fi
  log "node $SRV_NODE joins the cluster of $first"
  rmqctl -q stop_app >/dev/null
  rmqctl -q reset >/dev/null
  rmqctl -q join_cluster "$first" >>"$SRV_RMQ_DIR/log/join.log" 2>&1 || die "rabbitmqctl join_cluster $first failed (log: $SRV_RMQ_DIR/log/)"
  rmqctl -q start_app >/dev/null
  rmqctl -q await_startup --timeout 120 >/dev/null 2>&1 || die "node $SRV_NODE did not start after joining"
}

# The three nodes boot side by side (a restarted cluster node waits for its peers), then 2 and 3 join 1.
cluster_start() {
  local n
  for n in 1 2 3; do cluster_node "$n"; rmq_launch; eval "RMQ_LAUNCHED_$n=\$RMQ_LAUNCHED"; done
  for n in 1 2 3; do cluster_node "$n"; eval "RMQ_LAUNCHED=\$RMQ_LAUNCHED_$n"; rmq_await; done
  cluster_join 2
  cluster_join 3
  cluster_node 1
  rmq_ensure_user
  local running
  running=$(rmqctl -q cluster_status --formatter json 2>/dev/null | grep -o "platform-$SRV_PROFILE-n[123]@localhost" | sort -u | wc -l)
  ((running >= 3)) || die "the cluster of $SRV_NODE does not list its three nodes"
  log "RabbitMQ cluster ($SRV_PROFILE) running: $(cluster_nodes_list)"
}

cluster_exists() { [[ -d "$SRV_CLUSTER_DIR" ]]; }

cluster_stop() {
  cluster_exists || return 0
  local n
  for n in 3 2 1; do cluster_node "$n"; rmq_stop; done
}

cluster_kill() {
  cluster_exists || return 0
  local n
  for n in 1 2 3; do
    cluster_node "$n"
    pid_matches "$(rmq_pid)" beam && kill -KILL "$(rmq_pid)" && log "RabbitMQ ($SRV_PROFILE) node $SRV_NODE killed"
  done
  return 0
}

rmq_status() {
  if rmq_running && rmq_healthy; then
    echo "RabbitMQ   ($SRV_PROFILE): running, node $SRV_NODE, 127.0.0.1:$SRV_AMQP_PORT, management :$SRV_MGMT_PORT"
  elif rmq_running; then
    echo "RabbitMQ   ($SRV_PROFILE): node $SRV_NODE, process $(rmq_pid) running but not healthy"; return 3
  else
    echo "RabbitMQ   ($SRV_PROFILE): node $SRV_NODE stopped"; return 3
  fi
}

# --------------------------------------------------------------- SMTP sink ---

# Debian's python3-aiosmtpd lives in the system python, not in a pyenv/venv one.
SMTP_PYTHON=/usr/bin/python3
SMTP_SCRIPT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/smtp-sink.py"

smtp_python_ok() { [[ -x "$SMTP_PYTHON" ]] && "$SMTP_PYTHON" -c 'import aiosmtpd' >/dev/null 2>&1; }
smtp_running() { pid_matches "$(cat "$SRV_SMTP_DIR/smtp.pid" 2>/dev/null || true)" "smtp-sink.py"; }

smtp_start() {
  if smtp_running; then log "SMTP sink ($SRV_PROFILE) already running on port $SRV_SMTP_PORT"; return 0; fi
  port_open "$SRV_SMTP_PORT" && die "port $SRV_SMTP_PORT is already used by another process"
  mkdir -p "$SRV_SMTP_MAILDIR"
  log "starting SMTP sink ($SRV_PROFILE) on 127.0.0.1:$SRV_SMTP_PORT"
  # shellcheck disable=SC2016  # $$/$0/$@ belong to the inner shell
  setsid nohup bash -c 'echo $$ >"$0"; exec "$@"' "$SRV_SMTP_DIR/smtp.pid" \
    "$SMTP_PYTHON" "$SMTP_SCRIPT" --host 127.0.0.1 --port "$SRV_SMTP_PORT" --maildir "$SRV_SMTP_MAILDIR" \
    --mailbox "helpdesk@example.test=$SRV_SMTP_HELPDESK" \
    >"$SRV_SMTP_DIR/smtp.log" 2>&1 </dev/null &
  local i
  for ((i = 0; i < 100; i++)); do
    port_open "$SRV_SMTP_PORT" && return 0
    sleep 0.1
  done
  tail -n 20 "$SRV_SMTP_DIR/smtp.log" >&2 || true
  die "SMTP sink did not start (log: $SRV_SMTP_DIR/smtp.log)"
}

smtp_stop() {
  if smtp_running; then log "stopping SMTP sink ($SRV_PROFILE)"; fi
  stop_pidfile "$SRV_SMTP_DIR/smtp.pid" "smtp-sink.py" 5
}

# -------------------------------------------------------------------- main ---

servers_start() {
  local t0=$SECONDS
  ensure_packages
  PG_BIN=$(pg_bin_dir)
  mkdir -p "$SRV_DIR"
  pg_start
  if cluster_mode; then cluster_start; cluster_node 1; else rmq_start; fi
  smtp_start
  log "servers ($SRV_PROFILE) ready in $((SECONDS - t0))s"
  servers_print_info
}

servers_stop() {
  if [[ -d "$SRV_DIR" ]]; then
    PG_BIN=$(pg_bin_dir || true)
    [[ -n "$PG_BIN" ]] && pg_stop
    if [[ -x "$RMQ_BIN/rabbitmq-server" ]]; then
      cluster_stop
      servers_profile "$SRV_PROFILE"
      rmq_stop
    fi
    smtp_stop
  fi
  return 0
}

servers_status() {
  local rc=0
  PG_BIN=$(pg_bin_dir || true)
  if [[ -n "$PG_BIN" ]] && pg_running && pg_ready; then
    echo "PostgreSQL ($SRV_PROFILE): running, 127.0.0.1:$SRV_PG_PORT"
  else
    echo "PostgreSQL ($SRV_PROFILE): stopped"; rc=3
  fi
  if cluster_mode; then
    local n
    for n in 1 2 3; do cluster_node "$n"; rmq_status || rc=3; done
  else
    rmq_status || rc=3
  fi
  if smtp_running && port_open "$SRV_SMTP_PORT"; then
    echo "SMTP sink  ($SRV_PROFILE): running, 127.0.0.1:$SRV_SMTP_PORT, maildir $SRV_SMTP_MAILDIR"
  else
    echo "SMTP sink  ($SRV_PROFILE): stopped"; rc=3
  fi
  return $rc
}

servers_main() {
  local cmd=${1:-} profile=${2:-}
  [[ -n "$cmd" && -n "$profile" ]] || die "usage: $0 start|stop|status|env|stop-rabbitmq|kill-rabbitmq|start-rabbitmq|stop-postgres|start-postgres|start-cluster|stop-cluster|kill-cluster up|test|faults, or $0 stop-node|kill-node|start-node up|test|faults 1|2|3"
  servers_profile "$profile"
  case "$cmd" in
    start)  servers_start ;;
    stop)   servers_stop ;;
    status) servers_status ;;
    env)    servers_print_env ;;
    stop-rabbitmq)    rmq_stop ;;
    kill-rabbitmq)    pid_matches "$(rmq_pid)" beam && kill -KILL "$(rmq_pid)"; log "RabbitMQ ($SRV_PROFILE) killed" ;;
    start-rabbitmq)   rmq_start ;;
    stop-postgres)    PG_BIN=$(pg_bin_dir) || die "PostgreSQL is not installed"; pg_stop ;;
    start-postgres)   PG_BIN=$(pg_bin_dir) || die "PostgreSQL is not installed"; pg_start ;;
    start-cluster)    ensure_packages; cluster_start ;;
    stop-cluster)     cluster_stop ;;
    kill-cluster)     cluster_kill ;;
    stop-node)        cluster_node "${3:-}"; rmq_stop ;;
    kill-node)        cluster_node "${3:-}"; pid_matches "$(rmq_pid)" beam && kill -KILL "$(rmq_pid)"; log "RabbitMQ ($SRV_PROFILE) node $SRV_NODE killed" ;;
    start-node)       cluster_node "${3:-}"; rmq_start ;;
    *) die "unknown command '$cmd' (expected: start | stop | status | env | stop-rabbitmq | kill-rabbitmq | start-rabbitmq | stop-postgres | start-postgres | start-cluster | stop-cluster | kill-cluster | stop-node | kill-node | start-node)" ;;
  esac
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then servers_main "$@"; fi
