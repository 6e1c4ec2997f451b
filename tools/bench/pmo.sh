#!/usr/bin/env bash
# pmo.sh — the PMO analyst's portfolio page and the portfolio's risk heat map in a real browser, with a big portfolio.
#
#   tools/bench/pmo.sh [--projects N] [--risks-per-project N] [--loads N]     defaults: 200 projects, 10 risks each, 20 loads
#
# Needs the platform of deploy/local/up.sh running (with the portal; it is not restarted) and Debian's chromium
# (installed when missing). Seeds through the API, as carol (PMO analyst, demo password), projects named "PMO bench …"
# up to N with their risks (2,000 by default; kept for later runs), then drives chromium through Playwright
# (tools/bench/Platform.Bench, scenario "pmo"): carol signs in through identity and loads /pmo and /pmo/risks afresh
# LOADS times each (after 3 warm-ups). Prints one Markdown row per figure: count, p50, p95 and max in milliseconds.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$ROOT"
source deploy/local/common.sh
PROJECTS=200 RISKS=10 LOADS=20
while (($#)); do
  case $1 in
    --projects) PROJECTS=$2; shift 2 ;;
    --risks-per-project) RISKS=$2; shift 2 ;;
    --loads) LOADS=$2; shift 2 ;;
    *) echo "usage: $0 [--projects N] [--risks-per-project N] [--loads N]" >&2; exit 2 ;;
  esac
done
source "$HERE/browser-bench.sh"
browser_bench_prepare
browser_bench_table "The PMO pages in chromium: $PROJECTS projects, $((PROJECTS * RISKS)) risks"
browser_bench pmo --projects "$PROJECTS" --risks-per-project "$RISKS" --loads "$LOADS"
