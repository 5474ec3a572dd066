#!/usr/bin/env bash
# Set-up on a fresh Debian machine, idempotent: system packages, the .NET solution (the engine, TorchSharp with
# libtorch, comes from NuGet), then the kit packed into out/nuget with `hw` installed as a .NET tool.
# Each part of the project adds what it needs as scripts/setup.d/NN-name.sh (run in order).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

if ! command -v dotnet >/dev/null; then
  echo "error: the .NET SDK 10 (dotnet) is not on PATH; install it first (see README.md)" >&2
  exit 1
fi

for part in scripts/setup.d/*.sh; do
  [ -e "$part" ] || continue
  say "set-up: $(basename "$part")"
  bash "$part"
done

say "building the .NET solution"
dotnet build HydroWorkshop.sln -c Release -nologo -clp:ErrorsOnly -v:quiet

bash scripts/pack.sh
