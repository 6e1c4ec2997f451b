#!/usr/bin/env bash
# up.sh — build and run the whole platform locally (no Docker needed).
#
#   deploy/local/up.sh [--replicas N] [--rabbitmq-cluster] [--one-process]        stop with deploy/local/down.sh
#
#   --replicas N         N processes (1-3) of every service and of the portal: replica r listens on the port below + 10 × (r - 1)
#                        (ticketing 5101, 5111; …), the gateway's clusters list them all (YARP destinations with active
#                        health checks on /health/ready), and a request whose replica is gone goes to its twin
#   --rabbitmq-cluster   the services connect to the "up" profile's three-node RabbitMQ cluster (servers.sh start-cluster,
#                        AMQP 24772/24872/24972) with quorum queues, instead of the single node
#   --one-process        every service, the portal and the gateway in one process (hosts/Platform.AllInOne, decision
#                        0016), for a small site: the same ports, settings and databases, a third of the memory; its
#                        log is .data/up/logs/platform.log (not with --replicas)
#
# Builds Platform.sln (Release), starts private PostgreSQL + RabbitMQ
# (servers.sh, profile "up", with an SMTP sink that notifications mails to),
# then identity, ticketing, projects, assets, notifications, the portal and the
# gateway in the background. Logs: .data/up/logs/<name>.log, pid files: .data/up/pids/.
# They run from copies of their build outputs in .data/up/apps/, files they have in common linked as one (stage_apps
# in common.sh: they then share those files' pages; PLATFORM_SHARE_FILES=0 runs them from bin/ instead).
# Running it again restarts the services (the servers are reused).
# Ports can be overridden: GATEWAY_PORT, TICKETING_PORT, PROJECTS_PORT, IDENTITY_PORT, ASSETS_PORT, NOTIFICATIONS_PORT,
# PORTAL_PORT. The portal is used through the gateway (its "/").
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=deploy/local/common.sh
source "$HERE/common.sh"

REPLICAS=1 RABBITMQ_CLUSTER=0 ONE_PROCESS=0
while (($#)); do
  case "$1" in
    --replicas) REPLICAS=${2:-}; shift 2 || die "--replicas needs a number" ;;
    --replicas=*) REPLICAS=${1#*=}; shift ;;
    --rabbitmq-cluster) RABBITMQ_CLUSTER=1; shift ;;
    --one-process) ONE_PROCESS=1; shift ;;
    *) die "unknown argument '$1' (expected: --replicas N, --rabbitmq-cluster, --one-process)" ;;
  esac
done
[[ $REPLICAS =~ ^[123]$ ]] || die "--replicas must be 1, 2 or 3 (got '$REPLICAS')"
((ONE_PROCESS && REPLICAS > 1)) && die "--one-process runs one of each; it cannot be combined with --replicas"

GATEWAY_PORT=${GATEWAY_PORT:-5000}
TICKETING_PORT=${TICKETING_PORT:-5101}
PROJECTS_PORT=${PROJECTS_PORT:-5102}
IDENTITY_PORT=${IDENTITY_PORT:-5103}
ASSETS_PORT=${ASSETS_PORT:-5104}
NOTIFICATIONS_PORT=${NOTIFICATIONS_PORT:-5105}
PORTAL_PORT=${PORTAL_PORT:-5106}
HEALTH_TIMEOUT=${HEALTH_TIMEOUT:-90}

UP_DIR="$PLATFORM_DATA/up"
LOG_DIR="$UP_DIR/logs"
PID_DIR="$UP_DIR/pids"

# name -> dll (relative to the repo root) and port
declare -A DLL=(
  [identity]=services/identity/Platform.Identity/bin/Release/net10.0/Platform.Identity.dll
  [ticketing]=services/ticketing/Platform.Ticketing/bin/Release/net10.0/Platform.Ticketing.dll
  [projects]=services/projects/Platform.Projects/bin/Release/net10.0/Platform.Projects.dll
  [assets]=services/assets/Platform.Assets/bin/Release/net10.0/Platform.Assets.dll
  [notifications]=services/notifications/Platform.Notifications/bin/Release/net10.0/Platform.Notifications.dll
  [portal]=services/portal/Platform.Portal/bin/Release/net10.0/Platform.Portal.dll
  [gateway]=gateway/Platform.Gateway/bin/Release/net10.0/Platform.Gateway.dll
)
ALL_IN_ONE_DLL=hosts/Platform.AllInOne/bin/Release/net10.0/Platform.AllInOne.dll
# Service-to-service lookups (both forward the caller's own token): straight to the one process, or, with replicas,
# through the gateway, which balances over the replicas, skips a dead one and retries on its twin.
if ((REPLICAS > 1)); then
  PROJECTS_API="http://127.0.0.1:$GATEWAY_PORT/" DIRECTORY_API="http://127.0.0.1:$GATEWAY_PORT/"
else
  PROJECTS_API="http://127.0.0.1:$PROJECTS_PORT/" DIRECTORY_API="http://127.0.0.1:$IDENTITY_PORT/"
fi
declare -A PORT=([identity]=$IDENTITY_PORT [ticketing]=$TICKETING_PORT [projects]=$PROJECTS_PORT [assets]=$ASSETS_PORT [notifications]=$NOTIFICATIONS_PORT [portal]=$PORTAL_PORT [gateway]=$GATEWAY_PORT)
SERVICES=(identity ticketing projects assets notifications portal gateway)   # start order; the gateway goes last
REPLICATED=(identity ticketing projects assets notifications portal)           # --replicas N runs N of each of these

t0=$SECONDS
cd "$PLATFORM_ROOT"
require_dotnet

# 1. Build ------------------------------------------------------------------
solution=$(platform_solution)
log "building $(basename "$solution") (Release)"
dotnet build "$solution" -c Release -nologo -v quiet
for name in "${SERVICES[@]}"; do
  [[ -f "${DLL[$name]}" ]] || die "build output missing: ${DLL[$name]}"
done
((ONE_PROCESS)) && { [[ -f $ALL_IN_ONE_DLL ]] || die "build output missing: $ALL_IN_ONE_DLL"; }

# 2. Servers (idempotent: reused when already running) ------------------------
PLATFORM_RABBITMQ_CLUSTER=$RABBITMQ_CLUSTER bash "$HERE/servers.sh" start up
# shellcheck source=deploy/local/servers.sh
source "$HERE/servers.sh"   # for the port variables only
servers_profile up
rabbit_nodes=""
((RABBITMQ_CLUSTER)) && rabbit_nodes=$(cluster_nodes_list)

# The processes: "<service>" is replica 1 on the service's port, "<service>-<r>" replica r on that port + 10 × (r - 1).
INSTANCES=()
declare -A INSTANCE_OF=()
for name in "${SERVICES[@]}"; do
  INSTANCES+=("$name"); INSTANCE_OF[$name]=$name
  if [[ " ${REPLICATED[*]} " == *" $name "* ]]; then
    for ((r = 2; r <= REPLICAS; r++)); do
      INSTANCES+=("$name-$r"); INSTANCE_OF[$name-$r]=$name
      PORT[$name-$r]=$((PORT[$name] + 10 * (r - 1)))
    done
  fi
done

# 3. Services -----------------------------------------------------------------
mkdir -p "$LOG_DIR" "$PID_DIR"
for pidfile in "$PID_DIR"/*.pid; do   # stop what an earlier up.sh left running (whatever its --replicas or --one-process)
  [[ -f $pidfile ]] && stop_pidfile "$pidfile" "Platform."
done
for name in "${INSTANCES[@]}"; do
  port_open "${PORT[$name]}" && die "port ${PORT[$name]} ($name) is already used by another process"
done

# Where each service runs from: its copy in .data/up/apps/<service>/ (stage_apps, common.sh), or bin/ when
# PLATFORM_SHARE_FILES=0 (see the header).
declare -A RUN_DLL=()
((ONE_PROCESS)) && DLL[all-in-one]=$ALL_IN_ONE_DLL
if [[ ${PLATFORM_SHARE_FILES:-1} == 1 ]]; then
  outputs=()
  for service in "${!DLL[@]}"; do
    outputs+=("$service=$PLATFORM_ROOT/$(dirname "${DLL[$service]}")")
    RUN_DLL[$service]="$UP_DIR/apps/$service/$(basename "${DLL[$service]}")"
  done
  stage_apps "$UP_DIR/apps" "${outputs[@]}"
else
  for service in "${!DLL[@]}"; do RUN_DLL[$service]="$PLATFORM_ROOT/${DLL[$service]}"; done
fi

pg="Host=127.0.0.1;Port=$SRV_PG_PORT;Username=platform;Password=platform"
common_env=(
  ASPNETCORE_ENVIRONMENT=Development
  "ConnectionStrings__Ticketing=$pg;Database=platform_ticketing"
  "ConnectionStrings__Projects=$pg;Database=platform_projects"
  "ConnectionStrings__Assets=$pg;Database=platform_assets"
  "ConnectionStrings__Notifications=$pg;Database=platform_notifications"
  # Notifications mails through the profile's SMTP sink (servers.sh); messages land in .data/up/smtp/maildir/new/.
  Email__Enabled=true
  Email__Host=127.0.0.1
  "Email__Port=$SRV_SMTP_PORT"
  # Mail to helpdesk@example.test at that sink becomes a ticket (ticketing reads the help desk's own Maildir).
  "Inbound__Mail__Maildir=$SRV_SMTP_HELPDESK"
  Email__Security=None
  "ConnectionStrings__Identity=$pg;Database=platform_identity"
  # Tokens are issued and validated under the gateway's public URL (the one issuer clients see).
  "Identity__Issuer=http://127.0.0.1:$GATEWAY_PORT/"
  Identity__RequireHttps=false   # local development over loopback only
  "Auth__Authority=http://127.0.0.1:$GATEWAY_PORT/"
  Auth__RequireHttpsMetadata=false
  # Ticketing asks projects directly about a project it has not heard of yet (a promotion right after its creation).
  "ProjectsApi__BaseAddress=$PROJECTS_API"
  # A person named a moment after identity created them is looked up there until PersonJoined arrives.
  "People__DirectoryApi=$DIRECTORY_API"
  RabbitMq__Host=127.0.0.1
  "RabbitMq__Port=$SRV_AMQP_PORT"
  RabbitMq__Username=platform
  RabbitMq__Password=platform
  RabbitMq__VirtualHost=/
  "RabbitMq__Nodes=$rabbit_nodes"
)
# A cluster's queues are quorum queues (replicated over the three nodes); a queue's type is fixed when it is first
# declared, so the single node's classic queues stay on the single node.
((RABBITMQ_CLUSTER)) && common_env+=(RabbitMq__QuorumQueues=true)
gateway_env=()
for name in "${REPLICATED[@]}"; do   # replica 1 is "primary" (as in appsettings.json), the others "replica<r>"
  gateway_env+=("ReverseProxy__Clusters__${name}__Destinations__primary__Address=http://127.0.0.1:${PORT[$name]}/")
  for ((r = 2; r <= REPLICAS; r++)); do
    gateway_env+=("ReverseProxy__Clusters__${name}__Destinations__replica${r}__Address=http://127.0.0.1:${PORT[$name-$r]}/")
  done
done
# The portal signs people in with identity under the gateway's URL (its public one) and calls the API there; its
# data-protection keys and sessions live in .data/up/portal, so a restarted portal keeps people signed in.
portal_env=(
  "Portal__Authority=http://127.0.0.1:$GATEWAY_PORT/"
  Portal__RequireHttpsMetadata=false
  "Portal__DataDirectory=$UP_DIR/portal"
  # (RabbitMq__* from common_env: live updates, on a queue of the portal's own per replica)
)

# The process that serves an instance (its pid file and log): itself, or with --one-process the one "platform" process.
process_of() { if ((ONE_PROCESS)); then echo platform; else echo "$1"; fi; }

start_service() {
  local name=$1 service=${INSTANCE_OF[$1]} extra=()
  [[ $service == gateway ]] && extra=("${gateway_env[@]}")
  [[ $service == portal ]] && extra=("${portal_env[@]}")
  log "starting $name on http://127.0.0.1:${PORT[$name]} (log: ${LOG_DIR#"$PLATFORM_ROOT"/}/$name.log)"
  # Own session (setsid) so it outlives this script and ignores the terminal's
  # Ctrl-C; the inner shell writes its pid and then becomes the dotnet process.
  # shellcheck disable=SC2016  # $$/$0/$@ belong to the inner shell
  setsid nohup env "${common_env[@]}" "${extra[@]}" bash -c 'echo $$ >"$0"; exec "$@"' \
    "$PID_DIR/$name.pid" dotnet "${RUN_DLL[$service]}" --urls "http://127.0.0.1:${PORT[$name]}" \
    --contentRoot "$(dirname "${RUN_DLL[$service]}")" \
    >"$LOG_DIR/$name.log" 2>&1 </dev/null &
}

# With --one-process: the all-in-one host, given each application's port and content root (its own output's copy).
start_one_process() {
  local runs=() name
  for name in "${SERVICES[@]}"; do
    runs+=(--run "$name" "http://127.0.0.1:${PORT[$name]}" "$(dirname "${RUN_DLL[$name]}")")
  done
  log "starting ${SERVICES[*]} in one process (log: ${LOG_DIR#"$PLATFORM_ROOT"/}/platform.log)"
  # shellcheck disable=SC2016  # $$/$0/$@ belong to the inner shell
  setsid nohup env "${common_env[@]}" "${gateway_env[@]}" "${portal_env[@]}" bash -c 'echo $$ >"$0"; exec "$@"' \
    "$PID_DIR/platform.pid" dotnet "${RUN_DLL[all-in-one]}" "${runs[@]}" \
    >"$LOG_DIR/platform.log" 2>&1 </dev/null &
}

wait_healthy() {
  local name=$1 url="http://127.0.0.1:${PORT[$1]}/health/ready" deadline=$((SECONDS + HEALTH_TIMEOUT)) pid process
  process=$(process_of "$name")
  while ((SECONDS < deadline)); do
    [[ "$(http_status "$url")" == 200 ]] && { log "$name healthy"; return 0; }
    pid=$(cat "$PID_DIR/$process.pid" 2>/dev/null || true)
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
      echo "----- last 40 lines of $LOG_DIR/$process.log -----" >&2
      tail -n 40 "$LOG_DIR/$process.log" >&2 || true
      die "$name exited during start-up"
    fi
    sleep 0.5
  done
  echo "----- last 40 lines of $LOG_DIR/$process.log -----" >&2
  tail -n 40 "$LOG_DIR/$process.log" >&2 || true
  die "$name not healthy at $url after ${HEALTH_TIMEOUT}s"
}

t_services=$SECONDS
rm -f "$LOG_DIR"/*.log   # this start's logs only (an earlier start in the other mode wrote other files)
# Replica 1 of each service first (its migrations run once, before its twins start), then the others side by side.
if ((ONE_PROCESS)); then
  start_one_process
else
  for name in "${INSTANCES[@]}"; do if [[ $name == "${INSTANCE_OF[$name]}" ]]; then start_service "$name"; fi; done
fi
for name in "${INSTANCES[@]}"; do if [[ $name == "${INSTANCE_OF[$name]}" ]]; then wait_healthy "$name"; fi; done
for name in "${INSTANCES[@]}"; do if [[ $name != "${INSTANCE_OF[$name]}" ]]; then start_service "$name"; fi; done
for name in "${INSTANCES[@]}"; do if [[ $name != "${INSTANCE_OF[$name]}" ]]; then wait_healthy "$name"; fi; done

echo
echo "Platform up in $((SECONDS - t0))s (services healthy $((SECONDS - t_services))s after launch)"
((REPLICAS > 1)) && echo "Replicas: $REPLICAS of every service and of the portal (ports +10 each: ticketing ${PORT[ticketing]}, ${PORT[ticketing-2]}${PORT[ticketing-3]:+, ${PORT[ticketing-3]}} …), behind the one gateway"
((ONE_PROCESS)) && echo "One process: pid $(cat "$PID_DIR/platform.pid"), every service, the portal and the gateway on their usual ports"
((RABBITMQ_CLUSTER)) && echo "RabbitMQ: three-node cluster $rabbit_nodes (quorum queues), management http://127.0.0.1:$((SRV_MGMT_PORT + 100))/"
echo "Gateway: http://127.0.0.1:$GATEWAY_PORT"
echo "Portal (help desk in the browser, en/ja): http://127.0.0.1:$GATEWAY_PORT/"
echo "API reference: http://127.0.0.1:$GATEWAY_PORT/scalar"
echo "Logs: ${LOG_DIR#"$PLATFORM_ROOT"/}/   Stop: deploy/local/down.sh"
echo "E-mail from notifications: SMTP sink 127.0.0.1:$SRV_SMTP_PORT, messages in ${SRV_SMTP_MAILDIR#"$PLATFORM_ROOT"/}/new/"
echo "E-mail to the help desk: send to helpdesk@example.test through 127.0.0.1:$SRV_SMTP_PORT (becomes a ticket)"
echo "Sign in (demo users alice, erin, bob, carol, dave, admin; password Passw0rd!):"
echo "  curl -s http://127.0.0.1:$GATEWAY_PORT/connect/token -d grant_type=password -d client_id=platform-cli \\"
echo "       -d username=bob -d password='Passw0rd!' -d 'scope=openid tickets projects'"
