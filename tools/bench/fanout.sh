#!/usr/bin/env bash
# fanout.sh — measures the notifications fan-out: one ProjectEscalationRaised to N subscribed webhook endpoints
# (a Kestrel receiver on loopback that verifies every signature), and a restart of the service in the middle of a
# 200-endpoint fan-out. Prints the FANOUT and RESTART lines of the tests.
#
#   tools/bench/fanout.sh [N]      N endpoints (default 1000)
#
# Uses the servers named by PLATFORM_TEST_POSTGRES/RABBITMQ/RABBITMQ_MANAGEMENT, or starts the "up" profile's.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
N=${1:-1000}
if [[ -z "${PLATFORM_TEST_POSTGRES:-}" ]]; then
  bash deploy/local/servers.sh start up >/dev/null
  eval "$(bash deploy/local/servers.sh env up)"
  export PLATFORM_TEST_POSTGRES="$PLATFORM_POSTGRES" PLATFORM_TEST_RABBITMQ="$PLATFORM_RABBITMQ" \
    PLATFORM_TEST_RABBITMQ_MANAGEMENT="$PLATFORM_RABBITMQ_MANAGEMENT"
fi
dotnet build tests/Platform.Notifications.Tests -c Release -nologo -v quiet >/dev/null
log=$(mktemp)
trap 'rm -f "$log"' EXIT
echo "machine: $(nproc) cores; PostgreSQL and RabbitMQ on loopback; dispatcher: 2 loops × 200-row batches, 64 requests in flight each"
# One at a time, so that the two measurements do not share the machine.
for filter in "FullyQualifiedName~200_subscribed_endpoints" "FullyQualifiedName~restart_in_the_middle"; do
  FANOUT_ENDPOINTS=$N dotnet test tests/Platform.Notifications.Tests -c Release --no-build --filter "$filter" \
    --logger "console;verbosity=detailed" >"$log" 2>&1 || { tail -n 60 "$log"; exit 1; }
  grep -hE "FANOUT:|RESTART:" "$log" | sed 's/^ *//'
done
