#!/usr/bin/env bash
# tools/bench/floor.sh [--seconds 10] [--clients 8] [--messages 20000] [--runs 3]
# What the parts every created ticket needs cost on this machine by themselves, with no platform code around them:
#   1. PostgreSQL: a durable transaction shaped like ticketing's create (a number from a sequence, the ticket row, its
#      audit row, its outbox row, COMMIT) and a one-statement durable INSERT, by pgbench (prepared statements, CLIENTS
#      connections, SECONDS s): the server's CPU per transaction;
#   2. RabbitMQ + MassTransit: a persistent message published with a publisher confirm and consumed with an ack
#      (tools/bench/Platform.QueueBench, the platform's bus settings, a classic queue): the broker's and the .NET
#      client's CPU per message, from a run of 2×MESSAGES minus a run of MESSAGES (start-up and warm-up cancel out).
# Runs on the "bench" server profile (PostgreSQL 25435, RabbitMQ 24675; nobody else's), which it stops afterwards
# (BENCH_KEEP_SERVERS=1 keeps it). CPU is read from /proc (PostgreSQL: the postmaster with the children it reaped and
# those still running; RabbitMQ: the Erlang VM with its helper processes). Prints the median of RUNS for each and what a ticket needs at least.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=deploy/local/common.sh
source "$HERE/../../deploy/local/common.sh"
# shellcheck source=tools/bench/restart-lib.sh
source "$HERE/restart-lib.sh" # cpu_ticks, median
cd "$PLATFORM_ROOT"
require_dotnet

seconds=10 clients=8 messages=20000 runs=3
while (($#)); do
  case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --messages) messages=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "usage: $0 [--seconds 10] [--clients 8] [--messages 20000] [--runs 3]" >&2; exit 2 ;;
  esac
done

SERVERS="$PLATFORM_ROOT/deploy/local/servers.sh"
BENCH=tools/bench/Platform.QueueBench/bin/Release/net10.0/Platform.QueueBench.dll
dotnet build tools/bench/Platform.QueueBench -c Release -nologo -v quiet >/dev/null
cleanup() {
  [[ -n "${BENCH_KEEP_SERVERS:-}" ]] && return 0
  bash "$SERVERS" stop bench >/dev/null 2>&1 || true
}
trap cleanup EXIT
bash "$SERVERS" start bench >/dev/null
eval "$(bash "$SERVERS" env bench)"
pg_data="$PLATFORM_ROOT/.data/bench/postgres"
rmq_pidfile="$PLATFORM_ROOT/.data/bench/rabbitmq/rabbitmq.pid"
tick=$(getconf CLK_TCK)
pgbench=$(ls /usr/lib/postgresql/*/bin/pgbench | sort -V | tail -1)
export PGPASSWORD=platform
psql_bench() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p 25435 -U platform "$@"; }

# PostgreSQL's CPU ticks: the postmaster with the children it reaped and those still running (cpu_ticks, restart-lib).
pg_ticks() { cpu_ticks "$(head -1 "$pg_data/postmaster.pid")"; }

psql_bench -d postgres -c "DROP DATABASE IF EXISTS floor" -c "CREATE DATABASE floor"
psql_bench -d floor <<'SQL'
CREATE SEQUENCE numbers;
CREATE TABLE tickets (id uuid PRIMARY KEY, number bigint NOT NULL UNIQUE, title text NOT NULL, description text NOT NULL,
  requester text NOT NULL, priority text NOT NULL, status text NOT NULL, created_at timestamptz NOT NULL);
CREATE TABLE audit (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, entity_id uuid NOT NULL, action text NOT NULL,
  actor text NOT NULL, changes jsonb NOT NULL, at timestamptz NOT NULL);
CREATE TABLE outbox (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, message_id uuid NOT NULL UNIQUE, type text NOT NULL,
  body jsonb NOT NULL, created_at timestamptz NOT NULL, dispatched_at timestamptz);
CREATE INDEX outbox_pending ON outbox (id) WHERE dispatched_at IS NULL;
CREATE TABLE events (id uuid PRIMARY KEY, body jsonb NOT NULL, at timestamptz NOT NULL);
SQL
work=$(mktemp -d /tmp/floor-XXXXXX)
trap 'rm -rf "$work"; cleanup' EXIT
cat >"$work/create.sql" <<'SQL'
\set n random(1, 1000000000)
BEGIN;
SELECT nextval('numbers') AS num \gset
INSERT INTO tickets VALUES (gen_random_uuid(), :num, 'Printer on floor 3 does not print', repeat('The printer shows an error and prints nothing. ', 4), 'alice', 'P3', 'New', now());
INSERT INTO audit (entity_id, action, actor, changes, at) VALUES (gen_random_uuid(), 'created', 'alice', jsonb_build_object('title', 'Printer on floor 3 does not print', 'priority', 'P3', 'n', CAST(:n AS integer)), now());
INSERT INTO outbox (message_id, type, body, created_at) VALUES (gen_random_uuid(), 'TicketCreated', jsonb_build_object('title', 'Printer on floor 3 does not print', 'description', repeat('The printer shows an error and prints nothing. ', 4), 'requester', 'alice', 'n', CAST(:n AS integer)), now());
COMMIT;
SQL
cat >"$work/insert.sql" <<'SQL'
INSERT INTO events VALUES (gen_random_uuid(), '{"type":"TicketCreated","requester":"alice"}', now());
SQL

# One pgbench run: prints "tps ms_of_postgres_cpu_per_transaction".
pg_run() {
  local before after out tx pm children deadline
  pm=$(head -1 "$pg_data/postmaster.pid")
  children=$(pgrep -c -P "$pm")
  before=$(pg_ticks)
  out=$("$pgbench" -n -M prepared -c "$clients" -j 2 -T "$seconds" -h 127.0.0.1 -p 25435 -U platform -f "$work/$1" floor 2>&1)
  # pgbench's backends are reaped (their CPU in the postmaster's children's time) before the count is read again.
  deadline=$((SECONDS + 10))
  while (($(pgrep -c -P "$pm") > children && SECONDS < deadline)); do sleep 0.1; done
  after=$(pg_ticks)
  tx=$(awk '/number of transactions actually processed/ { split($0, a, ": "); split(a[2], b, "/"); print b[1] }' <<<"$out")
  ((${tx:-0} > 0)) || { echo "pgbench did no transaction:" >&2; echo "$out" >&2; exit 1; }
  awk -v tx="$tx" -v d=$((after - before)) -v t="$tick" -v s="$seconds" 'BEGIN { printf "%.0f %.3f\n", tx / s, 1000 * d / t / tx }'
}

# One QueueBench run of N messages: prints "broker_ticks client_ticks".
mq_run() {
  local pid before client
  pid=$(cat "$rmq_pidfile")
  before=$(cpu_ticks "$pid")
  client=$( { /usr/bin/time -f '%U %S' dotnet "$BENCH" --nodes 127.0.0.1:24675 --queue classic --messages "$1" --runs 1 >/dev/null; } 2>&1 | tail -1)
  echo "$(($(cpu_ticks "$pid") - before)) $(awk -v t="$tick" '{ printf "%.0f", ($1 + $2) * t }' <<<"$client")"
}

echo "Floor costs on this machine ($(nproc) cores, PostgreSQL $("$pgbench" --version | awk '{print $NF}'), RabbitMQ $(dpkg-query -W -f='${Version}' rabbitmq-server 2>/dev/null || echo '?'), $(date -u '+%F %H:%M') UTC; median of $runs runs):"
echo
echo "| part | per second | CPU ms each | the runs (ms) |"
echo "|---|---:|---:|---|"
for script in create insert; do
  : >"$work/$script.out"
  for _ in $(seq "$runs"); do pg_run "$script.sql" >>"$work/$script.out"; done
  label=$([[ $script == create ]] && echo "PostgreSQL: a create's transaction (nextval, 3 inserts, COMMIT), $clients connections" \
    || echo "PostgreSQL: one durable INSERT, $clients connections")
  echo "| $label | $(cut -d' ' -f1 "$work/$script.out" | median) tx/s | **$(cut -d' ' -f2 "$work/$script.out" | median)** | $(cut -d' ' -f2 "$work/$script.out" | paste -sd, | sed 's/,/, /g') |"
done
: >"$work/mq.out"
for _ in $(seq "$runs"); do
  read -r b1 c1 < <(mq_run "$messages")
  read -r b2 c2 < <(mq_run $((2 * messages)))
  awk -v b=$((b2 - b1)) -v c=$((c2 - c1)) -v n="$messages" -v t="$tick" 'BEGIN { printf "%.4f %.4f\n", 1000 * b / t / n, 1000 * c / t / n }' >>"$work/mq.out"
done
echo "| RabbitMQ: a persistent message published (confirmed) and consumed (acked), classic queue | | **$(cut -d' ' -f1 "$work/mq.out" | median)** | $(cut -d' ' -f1 "$work/mq.out" | paste -sd, | sed 's/,/, /g') |"
echo "| MassTransit client: the same message published and consumed, in one .NET process | | **$(cut -d' ' -f2 "$work/mq.out" | median)** | $(cut -d' ' -f2 "$work/mq.out" | paste -sd, | sed 's/,/, /g') |"
pg_create=$(cut -d' ' -f2 "$work/create.out" | median)
pg_insert=$(cut -d' ' -f2 "$work/insert.out" | median)
mq=$(cut -d' ' -f1 "$work/mq.out" | median)
mt=$(cut -d' ' -f2 "$work/mq.out" | median)
echo
# A created ticket, at least: ticketing's create, notifications' consumer, the receipt mail's claim and its record
# (three one-statement transactions at best), the outbox's marking (shared by a batch: left out); TicketCreated to
# notifications and to the portal, InboxItemAdded to the portal (three messages).
awk -v c="$pg_create" -v i="$pg_insert" -v q="$mq" -v m="$mt" -v cores="$(nproc)" 'BEGIN {
  pg = 2 * c + 2 * i; mqs = 3 * (q + m)
  printf "A created ticket needs at least two transactions like the first row (the create; notifications consuming it),\n"
  printf "two like the second (the receipt mail claimed and recorded) and three messages (TicketCreated to notifications\n"
  printf "and the portal, the unread badge to the portal): %.2f ms of PostgreSQL CPU and %.2f ms of broker and client CPU,\n", pg, mqs
  printf "%.2f ms in all before any service code runs; 1,000 tickets/s on %d cores allows %.2f ms per ticket.\n", pg + mqs, cores, 1000 * cores / 1000
}'
