#!/usr/bin/env bash
# tools/faults/run.sh — the fault suite: load through the gateway while services are SIGKILLed, RabbitMQ is stopped
# and PostgreSQL stopped for 10 s; then every accepted write is checked (lost, duplicated, side effects duplicated).
#
#   tools/faults/run.sh [--short] [--replicas] [--seed N] [--build]
#
# --replicas: two processes of every service behind the gateway and the faults profile's three-node RabbitMQ cluster
# (servers.sh, PLATFORM_RABBITMQ_CLUSTER=1: AMQP 24774/24874/24974, quorum queues); one replica at a time is SIGKILLed
# (each service several times) and one broker node at a time is killed, under the same load; on top of the usual
# checks, no write request may fail while a replica or a node is down.
#
# Builds the solution (Release) when its output is missing (or with --build), starts PostgreSQL + RabbitMQ of
# the "faults" server profile (deploy/local/servers.sh: ports 25434 / 24674 / 15684, data in .data/faults/, so
# the broker it stops is nobody else's), runs the driver tools/faults/Platform.Faults and stops the servers again
# (FAULTS_KEEP_SERVERS=1 keeps them). Full run ≈ 5–8 min; --short (CI) ≈ 1–2 min with a 10 s broker outage.
# Every write is sent with an Idempotency-Key and retried with it until accepted (up to 60 s after the load stops).
# Exit code: 0 = nothing lost or duplicated and every intended write landed exactly once, 1 = something was lost or
# duplicated, or a SIGKILLed service took over 10 s to be ready (less the time it was runnable without a CPU) or to publish again (FAULTS_TIMING_LIMIT_S changes the
# 10; FAULTS_STRICT_TIMINGS=0 only reports it; with --replicas it is only reported unless FAULTS_STRICT_TIMINGS=1), or a queue had no consumer 30 s after the broker returned, 2 = the run
# itself could not complete. FAULTS_PLAN=rabbitmq,rabbitmq,… replaces the plan (to repeat one fault while hunting).
# Service logs: .data/faults/logs/, the last report: .data/faults/last-run.txt.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=deploy/local/common.sh
source "$HERE/../../deploy/local/common.sh"
cd "$PLATFORM_ROOT"
require_dotnet

FAULTS_DIR="$PLATFORM_DATA/faults"
DRIVER=tools/faults/Platform.Faults/bin/Release/net10.0/Platform.Faults.dll
OUTPUTS=(
  "$DRIVER"
  services/identity/Platform.Identity/bin/Release/net10.0/Platform.Identity.dll
  services/ticketing/Platform.Ticketing/bin/Release/net10.0/Platform.Ticketing.dll
  services/projects/Platform.Projects/bin/Release/net10.0/Platform.Projects.dll
  gateway/Platform.Gateway/bin/Release/net10.0/Platform.Gateway.dll
)

build=0 args=() cluster=0
for a in "$@"; do
  if [[ $a == --build ]]; then build=1; else args+=("$a"); fi
  [[ $a == --replicas ]] && cluster=1
done
export PLATFORM_RABBITMQ_CLUSTER=$cluster
for f in "${OUTPUTS[@]}"; do [[ -f $f ]] || build=1; done
if ((build)); then
  log "building $(basename "$(platform_solution)") (Release)"
  dotnet build "$(platform_solution)" -c Release -nologo -v quiet
fi

kill_leftovers() {  # services of a driver that died without cleaning up
  local f
  for f in "$FAULTS_DIR"/pids/*.pid; do
    [[ -f $f ]] && stop_pidfile "$f" "Platform." 2
  done
  return 0
}
cleanup() {
  kill_leftovers
  if [[ -z "${FAULTS_KEEP_SERVERS:-}" ]]; then
    # The broker's data is disposable here, and a graceful stop can take minutes on a busy machine.
    bash "$PLATFORM_ROOT/deploy/local/servers.sh" kill-rabbitmq faults >/dev/null || true
    bash "$PLATFORM_ROOT/deploy/local/servers.sh" kill-cluster faults >/dev/null || true
    bash "$PLATFORM_ROOT/deploy/local/servers.sh" stop faults >/dev/null || warn "stopping the faults servers failed"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

kill_leftovers
# A broker left by an earlier run (or still shutting down) holds the ports: it is disposable, so kill it, and try the
# start once more if the broker fails to boot on a busy machine.
bash "$PLATFORM_ROOT/deploy/local/servers.sh" kill-rabbitmq faults >/dev/null 2>&1 || true
bash "$PLATFORM_ROOT/deploy/local/servers.sh" kill-cluster faults >/dev/null 2>&1 || true
if ! bash "$PLATFORM_ROOT/deploy/local/servers.sh" start faults >/dev/null; then
  warn "the faults servers did not start; killing the broker and trying once more"
  bash "$PLATFORM_ROOT/deploy/local/servers.sh" kill-rabbitmq faults >/dev/null 2>&1 || true
  bash "$PLATFORM_ROOT/deploy/local/servers.sh" kill-cluster faults >/dev/null 2>&1 || true
  sleep 3
  bash "$PLATFORM_ROOT/deploy/local/servers.sh" start faults >/dev/null
fi
eval "$(bash "$PLATFORM_ROOT/deploy/local/servers.sh" env faults)"
export PLATFORM_POSTGRES PLATFORM_RABBITMQ PLATFORM_RABBITMQ_MANAGEMENT
((cluster)) && export PLATFORM_RABBITMQ_NODES PLATFORM_RABBITMQ_MANAGEMENT_NODES

mkdir -p "$FAULTS_DIR"
set +e
dotnet "$DRIVER" "${args[@]}" 2>&1 | tee "$FAULTS_DIR/last-run.txt"
rc=${PIPESTATUS[0]}
set -e
exit "$rc"
