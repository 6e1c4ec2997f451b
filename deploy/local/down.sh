#!/usr/bin/env bash
# down.sh — stop what deploy/local/up.sh started: the services, the portal and the gateway
# (SIGTERM, SIGKILL after 10 s), every replica of them (up.sh --replicas N), and the "up" PostgreSQL/RabbitMQ
# instances (the three-node cluster too, if there is one); with up.sh --one-process, the one process of them all.
# Safe to run when nothing is running. Data in .data/up/ is kept.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=deploy/local/common.sh
source "$HERE/common.sh"

PID_DIR="$PLATFORM_DATA/up/pids"
declare -A DLL_NAME=(
  [gateway]=Platform.Gateway.dll
  [projects]=Platform.Projects.dll
  [assets]=Platform.Assets.dll
  [notifications]=Platform.Notifications.dll
  [ticketing]=Platform.Ticketing.dll
  [identity]=Platform.Identity.dll
  [portal]=Platform.Portal.dll
  [platform]=Platform.AllInOne.dll
)
for name in platform gateway portal notifications assets projects ticketing identity; do   # platform: up.sh --one-process; then the gateway first, as it fronts the others
  stop_pidfile "$PID_DIR/$name.pid" "${DLL_NAME[$name]}" 10
  for pidfile in "$PID_DIR/$name"-*.pid; do   # the other replicas of up.sh --replicas N
    if [[ -f $pidfile ]]; then stop_pidfile "$pidfile" "${DLL_NAME[$name]}" 10; fi
  done
done

bash "$HERE/servers.sh" stop up
log "platform stopped"
