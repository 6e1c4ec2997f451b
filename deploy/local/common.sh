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

# stage_apps DEST NAME=DIR ...: copies each build output DIR to DEST/NAME (DEST is emptied first), then makes every
# file that is the same in several copies (EF Core, Npgsql, MassTransit, OpenTelemetry, the platform's own shared
# libraries …) one file with several hard links (util-linux's hardlink, comparing contents only). Processes started
# from DEST then map one copy of those files' pages between them instead of one each: the kernel shares a file's
# pages among every process that maps the same file, not among identical files (README "Speed": about 130 MB of
# memory on this platform). Copied, never linked to the build output itself, so a later build cannot write through a
# link into another service's files or into a running one's.
stage_apps() {
  local dest=$1 pair name dir
  shift
  rm -rf "$dest"
  mkdir -p "$dest"
  for pair in "$@"; do
    name=${pair%%=*} dir=${pair#*=}
    [[ -d $dir ]] || die "stage_apps: no folder $dir for $name"
    cp -a "$dir" "$dest/$name"
  done
  command -v hardlink >/dev/null 2>&1 || { warn "hardlink (util-linux) missing: every process keeps its own copy of shared files"; return 0; }
  hardlink --quiet --content "$dest" >/dev/null
}

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

# Node.js and npm for the OpenAPI lint test (Redocly CLI in tools/openapi-lint, which needs Node 20.19+ or 22.12+):
# installed with apt-get when missing. Debian 12's own nodejs is 18, too old: then say so (the lint test will fail)
# rather than guess at a third-party repository.
ensure_node() {
  local sudo=() version
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    if [[ $EUID -ne 0 ]]; then
      command -v sudo >/dev/null 2>&1 || { warn "node/npm missing and no sudo: the OpenAPI lint test will fail"; return 0; }
      sudo=(sudo)
    fi
    log "installing nodejs npm (apt-get)"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm
  fi
  version=$(node --version 2>/dev/null || echo v0)
  if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 12) || (a === 20 && b >= 19) ? 0 : 1)'; then
    warn "Node.js $version is older than Redocly CLI needs (20.19+ or 22.12+): the OpenAPI lint test will fail; install a newer Node.js (e.g. from NodeSource)"
  fi
}

# apt-get install <packages>, as root or through sudo; a warning (not a failure) when neither is possible,
# so the tests that need them fail with their own message. $1 names what needs them.
apt_install() {
  local what=$1; shift
  local sudo=()
  if [[ $EUID -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || { warn "$* missing and no sudo: $what will fail"; return 0; }
    sudo=(sudo)
  fi
  log "installing $* (apt-get)"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

# Debian's chromium (and CJK fonts, so Japanese screens render in screenshots) for the portal's browser tests
# (tests/Platform.Portal.BrowserTests: Playwright drives /usr/bin/chromium; it downloads no browser of its own).
ensure_chromium() {
  local packages=()
  [[ -x /usr/bin/chromium ]] || packages+=(chromium)
  if command -v fc-list >/dev/null 2>&1; then
    fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || packages+=(fonts-noto-cjk)
  else
    packages+=(fonts-noto-cjk)
  fi
  ((${#packages[@]})) || return 0
  apt_install "the portal's browser tests" "${packages[@]}"
}

# kubectl for the Kubernetes manifest test (kubectl kustomize deploy/k8s/overlays/<overlay>): the one on PATH when there
# is one, else Debian's kubernetes-client (kubectl 1.20, kustomize v2.0: deploy/k8s keeps to what that reads).
ensure_kubectl() {
  command -v kubectl >/dev/null 2>&1 && return 0
  apt_install "the Kubernetes manifest test" kubernetes-client
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
