#!/usr/bin/env bash
# tools/bench/rabbit-policy-ab.sh PAIRS 'DEFINITION_A' 'DEFINITION_B' [cpu-per-ticket.sh arguments] — an A/B of a
# RabbitMQ queue policy on the running deploy/local/up.sh platform, in one run: PAIRS times, alternating A and B, the
# policy "bench-ab" is set on every queue of the virtual host with the variant's definition (a JSON object such as
# '{"queue-version":2}'; '{}' removes the policy), the broker is given time to apply it to the queues, and
# tools/bench/cpu-per-ticket.sh measures the CPU per created ticket of every process (one run each). A policy applies
# to queues that exist already, so neither the broker nor a service is restarted. At the end (also on an early exit)
# the policy is removed.
# Example: tools/bench/rabbit-policy-ab.sh 3 '{}' '{"queue-version":2}' --rate 100 --seconds 10
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tools/bench/restart-lib.sh
source "$here/restart-lib.sh"
(($# >= 3)) || { echo "usage: $0 PAIRS 'DEFINITION_A' 'DEFINITION_B' [cpu-per-ticket.sh arguments]" >&2; exit 2; }
pairs=$1 a=$2 b=$3
shift 3
[[ $pairs =~ ^[1-9][0-9]*$ ]] || { echo "PAIRS must be a positive number (got '$pairs')" >&2; exit 2; }
eval "$(bash "$BENCH_ROOT/deploy/local/servers.sh" env up)"
management=${PLATFORM_RABBITMQ_MANAGEMENT%/}

# policy_set DEFINITION: the policy "bench-ab" on every queue ('{}': none), then waits until every queue reports it as
# its effective policy (or none).
policy_set() {
  if [[ $1 == '{}' ]]; then
    curl -sf -X DELETE "$management/api/policies/%2F/bench-ab" >/dev/null || true
  else
    curl -sf -X PUT -H 'content-type: application/json' "$management/api/policies/%2F/bench-ab" \
      -d "{\"pattern\":\".*\",\"apply-to\":\"queues\",\"priority\":0,\"definition\":$1}" >/dev/null
  fi
  local want=bench-ab deadline=$((SECONDS + 60))
  [[ $1 == '{}' ]] && want=""
  until [[ -z $(curl -sf "$management/api/queues?columns=name,policy" | python3 -c '
import json, sys
want = sys.argv[1]
print("\n".join(q["name"] for q in json.load(sys.stdin) if (q.get("policy") or "") != want))' "$want") ]]; do
    ((SECONDS < deadline)) || { echo "the queues did not take the policy $1 within 60 s" >&2; return 1; }
    sleep 0.5
  done
  echo "RabbitMQ: queue policy $1 on every queue" >&2
}
trap 'policy_set "{}"' EXIT

ab_cpu_per_ticket "$pairs" policy_set "$a" "$b" "$@"
