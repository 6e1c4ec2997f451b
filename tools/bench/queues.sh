#!/usr/bin/env bash
# tools/bench/queues.sh [--messages N] [--runs N] — classic against quorum queues on this machine: publish → consume
# msgs/s through MassTransit with the platform's settings (tools/bench/Platform.QueueBench), median of 3 runs, for
#   classic queue, single node        (the local default: deploy/local/up.sh, test.sh, the fault suite)
#   quorum queue, single node         (RabbitMq:QuorumQueues=true against one node)
#   classic queue, three-node cluster (the queue lives on the node it was declared on)
#   quorum queue, three-node cluster  (up.sh --rabbitmq-cluster, the fault suite's --replicas, the Kubernetes overlays)
# on the "bench" server profile's broker (servers.sh: single node 24675, cluster 24775/24875/24975; nobody else's),
# which it stops again afterwards (BENCH_KEEP_SERVERS=1 keeps it).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=deploy/local/common.sh
source "$HERE/../../deploy/local/common.sh"
cd "$PLATFORM_ROOT"
require_dotnet

SERVERS="$PLATFORM_ROOT/deploy/local/servers.sh"
BENCH=tools/bench/Platform.QueueBench/bin/Release/net10.0/Platform.QueueBench.dll
dotnet build tools/bench/Platform.QueueBench -c Release -nologo -v quiet >/dev/null

cleanup() {
  [[ -n "${BENCH_KEEP_SERVERS:-}" ]] && return 0
  bash "$SERVERS" stop-cluster bench >/dev/null 2>&1 || true
  bash "$SERVERS" stop-rabbitmq bench >/dev/null 2>&1 || true
}
trap cleanup EXIT

bash "$SERVERS" start-rabbitmq bench >/dev/null
bash "$SERVERS" start-cluster bench >/dev/null
single=127.0.0.1:24675
cluster=127.0.0.1:24775,127.0.0.1:24875,127.0.0.1:24975

echo "Publish → consume through MassTransit, $(nproc) cores, RabbitMQ $(dpkg-query -W -f='${Version}' rabbitmq-server 2>/dev/null || echo '?'), $(date -u +%F):"
echo
echo "| queue | msgs/s publish → consume (median) | msgs/s published (confirmed) | runs |"
echo "|---|---:|---:|---|"
dotnet "$BENCH" --nodes "$single" --queue classic --label "classic, single node" "$@"
dotnet "$BENCH" --nodes "$single" --queue quorum --label "quorum, single node" "$@"
dotnet "$BENCH" --nodes "$cluster" --queue classic --label "classic, three-node cluster" "$@"
dotnet "$BENCH" --nodes "$cluster" --queue quorum --label "quorum, three-node cluster (3 replicas)" "$@"
