#!/usr/bin/env bash
# ef-optimize.sh — regenerates the EF Core compiled model of every service (or of the services named), in
# services/<service>/Platform.<Service>/Data/CompiledModel. Run it after any change to a service's mapping (with the
# migration the change needs): tests/Platform.Architecture.Tests/CompiledModelTests fails while a compiled model
# differs from what EF Core would generate from the mapping.
#
#   tools/ef-optimize.sh [ticketing|projects|assets|notifications|identity ...]
#
# Why compiled models: building the model from OnModelCreating was about a third of a service's CPU before it is
# ready (projects: 0.9 s of 2.8 s); a restart on a busy machine waits for that CPU (README "Start-up").
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
dotnet tool restore >/dev/null
services=("$@")
((${#services[@]})) || services=(ticketing projects assets notifications identity)
for s in "${services[@]}"; do
  name="$(tr '[:lower:]' '[:upper:]' <<<"${s:0:1}")${s:1}"
  project="services/$s/Platform.$name"
  [[ -d $project ]] || { echo "no such service: $s" >&2; exit 2; }
  echo "==> $s"
  rm -rf "$project/Data/CompiledModel"
  # The design-time host needs a connection string to register the context; nothing connects to it.
  env "ConnectionStrings__$name=Host=localhost;Database=unused" \
    dotnet ef dbcontext optimize --project "$project" --output-dir Data/CompiledModel \
      --namespace "Platform.$name.Data.CompiledModel" --configuration Debug >/dev/null
done
