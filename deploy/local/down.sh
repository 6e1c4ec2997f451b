#!/usr/bin/env bash
# down.sh — stop what deploy/local/up.sh started: the services, the portal and the gateway
# (SIGTERM, SIGKILL after 10 s) and the "up" PostgreSQL/RabbitMQ instances.
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
)
for name in gateway portal notifications assets projects ticketing identity; do   # gateway first: it fronts the others
  stop_pidfile "$PID_DIR/$name.pid" "${DLL_NAME[$name]}" 10
done

bash "$HERE/servers.sh" stop up
log "platform stopped"
