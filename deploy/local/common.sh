# shellcheck shell=bash
# common.sh — helpers shared by the deploy/local scripts. Source it, don't run it.

# Repository root (two levels above this file) and the git-ignored data folder.
PLATFORM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck disable=SC2034  # used by the scripts that source this file
PLATFORM_DATA="$PLATFORM_ROOT/.data"

# Keep dotnet quiet and offline-friendly in scripts and CI.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log()  { printf '==> %s\n' "$*"; }
warn() { printf 'WARN: %s\n' "$*" >&2; }
die()  { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# Solution file: Platform.sln as documented, Platform.slnx if that's what exists.
platform_solution() {
  if [[ -f "$PLATFORM_ROOT/Platform.sln" ]]; then echo "$PLATFORM_ROOT/Platform.sln"
  elif [[ -f "$PLATFORM_ROOT/Platform.slnx" ]]; then echo "$PLATFORM_ROOT/Platform.slnx"
  else die "no Platform.sln (or Platform.slnx) in $PLATFORM_ROOT"
  fi
}

require_dotnet() {
  command -v dotnet >/dev/null 2>&1 || die "dotnet SDK not found on PATH (need .NET 10, see global.json)"
}

# True if something accepts TCP connections on 127.0.0.1:<port>.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# HTTP status code of a GET (000 when nothing answers).
http_status() { curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$@" || true; }

# Is <pid> alive and is its command line containing <pattern>? (guards against pid reuse)
pid_matches() {
  local pid=$1 pattern=$2
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$pattern"
}

# Stop the process recorded in <pidfile> if it still runs <pattern>:
# SIGTERM, wait up to <grace> seconds, then SIGKILL. Removes the pid file.
stop_pidfile() {
  local pidfile=$1 pattern=$2 grace=${3:-10} name pid i
  name=$(basename "$pidfile" .pid)
  [[ -f "$pidfile" ]] || return 0
  pid=$(cat "$pidfile" 2>/dev/null || true)
  if pid_matches "$pid" "$pattern"; then
    log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < grace * 10; i++)); do
      pid_matches "$pid" "$pattern" || break
      sleep 0.1
    done
    if pid_matches "$pid" "$pattern"; then
      warn "$name did not exit after ${grace}s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
    fi
  fi
  rm -f "$pidfile"
}
