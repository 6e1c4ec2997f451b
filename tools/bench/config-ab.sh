#!/usr/bin/env bash
# tools/bench/config-ab.sh SERVICE PAIRS "VAR=a ..." "VAR=b ..." [cpu-per-ticket.sh arguments] — an A/B of one
# service's settings on the running deploy/local/up.sh platform, in one run: PAIRS times, alternating A and B, the
# service is restarted with the variant's variables (on top of its own environment) and tools/bench/cpu-per-ticket.sh
# measures the CPU per created ticket of every process (one run each). Prints each measurement's table, labelled;
# the service is left running with variant A.
# Example: tools/bench/config-ab.sh notifications 3 "Notifications__GroupCommit=true" "Notifications__GroupCommit=false" --rate 200 --seconds 10
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tools/bench/restart-lib.sh
source "$here/restart-lib.sh"
(($# >= 4)) || { echo "usage: $0 SERVICE PAIRS \"VAR=a ...\" \"VAR=b ...\" [cpu-per-ticket.sh arguments]" >&2; exit 2; }
service=$1 pairs=$2 a=$3 b=$4
shift 4
[[ $pairs =~ ^[1-9][0-9]*$ ]] || { echo "PAIRS must be a positive number (got '$pairs')" >&2; exit 2; }

# The service's own environment, read once: each variant starts from it (a variable of A does not leak into B).
service_capture "$service"

ab_cpu_per_ticket "$pairs" service_restart_with "$a" "$b" "$@"
service_restart_with "$a"
