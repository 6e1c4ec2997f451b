#!/usr/bin/env bash
# tools/bench/build-ab.sh SERVICE PAIRS DIR_A DIR_B [cpu-per-ticket.sh arguments] — CPU per created ticket with two
# builds of one service, alternated in one run on the running deploy/local/up.sh platform: PAIRS times, A then B, the
# service is SIGKILLed and started from the build's directory with its own environment and port, and
# tools/bench/cpu-per-ticket.sh measures every process (one run each). Prints each measurement's table, labelled.
# DIR_A and DIR_B are copies of the service's bin/Release/net10.0 (or of .data/up/apps/SERVICE, which up.sh copies at
# its start: copy it before restarting up.sh on a new build). Leaves the service running from DIR_B: restart up.sh
# afterwards.
# Example: tools/bench/build-ab.sh ticketing 4 /tmp/old-apps/ticketing .data/up/apps/ticketing --rate 150 --seconds 10
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tools/bench/restart-lib.sh
source "$here/restart-lib.sh"
(($# >= 4)) || { echo "usage: $0 SERVICE PAIRS DIR_A DIR_B [cpu-per-ticket.sh arguments]" >&2; exit 2; }
service=$1 pairs=$2 dir_a=$(cd "$3" && pwd) dir_b=$(cd "$4" && pwd)
shift 4
[[ $pairs =~ ^[1-9][0-9]*$ ]] || { echo "PAIRS must be a positive number (got '$pairs')" >&2; exit 2; }
service_capture "$service"
for dir in "$dir_a" "$dir_b"; do
  [[ -f $dir/$(service_dll) ]] || { echo "$dir holds no $(service_dll)" >&2; exit 2; }
done

restart_from() { service_kill; service_start_build "$1"; }
ab_cpu_per_ticket "$pairs" restart_from "$dir_a" "$dir_b" "$@"
