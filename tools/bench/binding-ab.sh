#!/usr/bin/env bash
# tools/bench/binding-ab.sh PAIRS SOURCE_EXCHANGE DESTINATION_EXCHANGE [cpu-per-ticket.sh arguments] — what one
# consumer's deliveries cost the running deploy/local/up.sh platform: PAIRS times, alternating A and B, the broker's
# exchange-to-exchange binding SOURCE → DESTINATION (MassTransit binds a message type's exchange to the exchange of
# each receive endpoint that consumes it) is in place (A) or removed (B), and tools/bench/cpu-per-ticket.sh measures
# the CPU per created ticket of every process (one run each). B shows what the platform would save if the broker did
# not deliver that event to that endpoint at all (for example, if only the deliveries the consumer acts on reached it);
# meanwhile the consumer misses those events, so run it only on a bench platform. At the end (also on an early exit)
# the binding is put back. BINDING_AB_FIRST=unbound runs B first in each pair (to see whether the order moves the figures).
# Example: tools/bench/binding-ab.sh 3 Platform.Contracts.Ticketing:TicketCreated assets-ticket-created --rate 100 --seconds 10
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tools/bench/restart-lib.sh
source "$here/restart-lib.sh"
(($# >= 3)) || { echo "usage: $0 PAIRS SOURCE_EXCHANGE DESTINATION_EXCHANGE [cpu-per-ticket.sh arguments]" >&2; exit 2; }
pairs=$1 source_exchange=$2 destination=$3
shift 3
[[ $pairs =~ ^[1-9][0-9]*$ ]] || { echo "PAIRS must be a positive number (got '$pairs')" >&2; exit 2; }
eval "$(bash "$BENCH_ROOT/deploy/local/servers.sh" env up)"
management=${PLATFORM_RABBITMQ_MANAGEMENT%/}
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
bindings="$management/api/bindings/%2F/e/$(enc "$source_exchange")/e/$(enc "$destination")"
curl -sf "$bindings" | grep -q '"source"' || { echo "no binding $source_exchange → $destination" >&2; exit 1; }

# binding_set bound|unbound
binding_set() {
  if [[ $1 == bound ]]; then
    curl -sf -X POST -H 'content-type: application/json' "$bindings" -d '{"routing_key":"","arguments":{}}' >/dev/null
  else
    curl -sf -X DELETE "$bindings/~" >/dev/null || true
  fi
  echo "RabbitMQ: $source_exchange → $destination $1 ($(curl -sf "$bindings" | grep -c '"source"' || true) binding)" >&2
}
trap 'binding_set bound' EXIT

if [[ ${BINDING_AB_FIRST:-bound} == unbound ]]; then
  ab_cpu_per_ticket "$pairs" binding_set unbound bound "$@"
else
  ab_cpu_per_ticket "$pairs" binding_set bound unbound "$@"
fi
