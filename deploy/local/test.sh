#!/usr/bin/env bash
# test.sh — build and run all tests; this is what CI runs (.ci/run).
#
#   deploy/local/test.sh [extra dotnet test args, e.g. --filter FullyQualifiedName~Ticketing]
#
# Unless PLATFORM_TEST_POSTGRES is already set (bring your own servers), it
# starts private PostgreSQL + RabbitMQ (servers.sh, profile "test") and stops
# them again at the end. Tests read:
#   PLATFORM_TEST_POSTGRES             Host=127.0.0.1;Port=25433;Username=platform;Password=platform
#   PLATFORM_TEST_RABBITMQ             amqp://platform:platform@127.0.0.1:24673/
#   PLATFORM_TEST_RABBITMQ_MANAGEMENT  http://platform:platform@127.0.0.1:15683/
#   PLATFORM_TEST_SMTP                 127.0.0.1:2526 (SMTP sink; its maildir in PLATFORM_TEST_SMTP_MAILDIR;
#                                      when unset, the e-mail tests start a sink of their own)
# TRX results go to .data/test/results/. The last line printed is the summary,
# e.g. "42 passed, 0 failed" (", N skipped" when tests were skipped). Exits
# non-zero if dotnet test failed, a test failed, or no test ran.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=deploy/local/common.sh
source "$HERE/common.sh"

RESULTS_DIR="$PLATFORM_DATA/test/results"
t0=$SECONDS
cd "$PLATFORM_ROOT"
require_dotnet
ensure_node       # the OpenAPI lint test runs Redocly CLI (tools/openapi-lint), the Kubernetes manifest test tools/k8s-validate (npm ci on first use)
ensure_chromium   # the portal's browser tests drive Debian's chromium (Playwright, no browser download)
ensure_kubectl    # the Kubernetes manifest test renders deploy/k8s/overlays/* with kubectl kustomize

# 1. Servers -------------------------------------------------------------------
started_servers=0
stop_servers() {
  if ((started_servers)); then
    started_servers=0
    bash "$HERE/servers.sh" stop test || warn "stopping the test servers failed"
  fi
}
trap stop_servers EXIT
trap 'exit 130' INT TERM   # make sure the EXIT trap runs on Ctrl-C / kill

if [[ -z "${PLATFORM_TEST_POSTGRES:-}" ]]; then
  started_servers=1
  bash "$HERE/servers.sh" start test
  eval "$(bash "$HERE/servers.sh" env test)"
  export PLATFORM_TEST_POSTGRES="$PLATFORM_POSTGRES"
  export PLATFORM_TEST_RABBITMQ="$PLATFORM_RABBITMQ"
  export PLATFORM_TEST_RABBITMQ_MANAGEMENT="$PLATFORM_RABBITMQ_MANAGEMENT"
  export PLATFORM_TEST_SMTP="$PLATFORM_SMTP" PLATFORM_TEST_SMTP_MAILDIR="$PLATFORM_SMTP_MAILDIR"
else
  log "using the servers given by PLATFORM_TEST_* (not starting any)"
fi

# 2. Build and test ------------------------------------------------------------
solution=$(platform_solution)
log "building $(basename "$solution") (Release)"
dotnet build "$solution" -c Release -nologo

rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"
log "running tests"
test_rc=0
dotnet test "$solution" -c Release --no-build --logger "trx" --results-directory "$RESULTS_DIR" "$@" ||
  test_rc=$?

stop_servers   # before the summary, so the summary stays the last line

# 2b. Fault suite, short form (tools/faults/run.sh --short, on its own "faults" servers): SIGKILLs, a RabbitMQ
# outage and a PostgreSQL restart under load, nothing lost or duplicated. Counted as one more test.
# Skipped for a filtered run (arguments given) or with PLATFORM_TEST_SKIP_FAULTS=1.
faults_rc=-1
if (($# == 0)) && [[ -z "${PLATFORM_TEST_SKIP_FAULTS:-}" ]]; then
  log "fault suite, short form (tools/faults/run.sh --short)"
  faults_rc=0
  "$PLATFORM_ROOT/tools/faults/run.sh" --short || faults_rc=$?
fi

# 3. Summary: add up <Counters .../> of every TRX file -------------------------
# Prints "total passed failed skipped files"; failed = failed + error + timeout
# + aborted; skipped = total - executed (VSTest leaves notExecuted at 0 for
# skipped tests), or notExecuted if that is larger.
trx_counts() {
  find "$1" -name '*.trx' -print0 | xargs -0 -r cat | awk '
    {
      while (match($0, /<Counters [^>]*>/)) {
        c = substr($0, RSTART, RLENGTH); $0 = substr($0, RSTART + RLENGTH); files++
        split("", k)
        while (match(c, /[A-Za-z]+="[0-9]+"/)) {
          kv = substr(c, RSTART, RLENGTH); c = substr(c, RSTART + RLENGTH)
          split(kv, p, "="); gsub(/"/, "", p[2]); k[p[1]] = p[2] + 0
        }
        total += k["total"]; passed += k["passed"]
        failed += k["failed"] + k["error"] + k["timeout"] + k["aborted"]
        s = ("executed" in k) ? k["total"] - k["executed"] : 0
        skipped += (k["notExecuted"] > s) ? k["notExecuted"] : s
      }
    }
    END { printf "%d %d %d %d %d\n", total, passed, failed, skipped, files }'
}
read -r total passed failed skipped trx_files < <(trx_counts "$RESULTS_DIR")
if ((faults_rc >= 0)); then
  total=$((total + 1))
  if ((faults_rc == 0)); then passed=$((passed + 1))
  else failed=$((failed + 1)); warn "fault suite failed (exit $faults_rc; report in .data/faults/last-run.txt)"
  fi
fi

status=0
if ((test_rc != 0)); then warn "dotnet test exited with code $test_rc"; status=1; fi
if ((failed > 0)); then status=1; fi
if ((total == 0 || passed + failed == 0)); then warn "no tests ran ($trx_files TRX files in ${RESULTS_DIR#"$PLATFORM_ROOT"/})"; status=1; fi

# Name each failed test with the first lines of its message, last, so that the
# tail of a CI log says what failed without the TRX files.
if ((failed > 0)); then
  python3 - "$RESULTS_DIR" <<'PY' || true
import glob, sys, xml.etree.ElementTree as ET
ns = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
for f in sorted(glob.glob(sys.argv[1] + "/**/*.trx", recursive=True)):
    for r in ET.parse(f).getroot().iter(ns + "UnitTestResult"):
        if r.get("outcome") in ("Passed", "NotExecuted"): continue
        m = r.find(f"{ns}Output/{ns}ErrorInfo/{ns}Message")
        msg = (m.text or "").strip().splitlines()[:6] if m is not None else []
        print(f"FAILED {r.get('testName')} ({r.get('duration')})")
        for line in msg: print("    " + line[:300])
PY
fi
echo "Elapsed: $((SECONDS - t0))s"
summary="$passed passed, $failed failed"
((skipped > 0)) && summary+=", $skipped skipped"
echo "$summary"
exit "$status"
