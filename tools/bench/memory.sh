#!/usr/bin/env bash
# tools/bench/memory.sh — the resident memory of each .NET process of the running deploy/local/up.sh platform, as a
# Markdown table: VmRSS counts every page a process maps, including the .NET shared framework's files that all of them
# map once in the page cache; Pss shares such pages among the processes that map them, so the Pss column adds up to
# the memory the platform's processes really take; anonymous is each one's own heap and stacks. The last line,
# "MEMORY rss=… pss=… anon=…" (MB, all processes), is for scripts.
set -euo pipefail
pids_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/.data/up/pids"
echo "| process | RSS MB | Pss MB | of it anonymous MB |"
echo "|---|---:|---:|---:|"
total=0 total_pss=0 total_anon=0
for f in "$pids_dir"/*.pid; do
  pid=$(cat "$f")
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
  [[ -n $rss ]] || continue
  pss=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)
  anon=$(awk '/^Pss_Anon:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)
  total=$((total + rss)) total_pss=$((total_pss + pss)) total_anon=$((total_anon + anon))
  printf '| %s | %d | %d | %d |\n' "$(basename "$f" .pid)" $((rss / 1024)) $((pss / 1024)) $((anon / 1024))
done
printf '| **all** | **%d** | **%d** | **%d** |\n' $((total / 1024)) $((total_pss / 1024)) $((total_anon / 1024))
printf 'MEMORY rss=%d pss=%d anon=%d\n' $((total / 1024)) $((total_pss / 1024)) $((total_anon / 1024))
