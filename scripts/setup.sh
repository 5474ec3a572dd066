#!/usr/bin/env bash
# Set-up on a fresh Debian machine, idempotent: system packages, the .NET solution (the engine, TorchSharp with
# libtorch, comes from NuGet), then the kit packed into out/nuget with `hw` installed as a .NET tool.
# Each part of the project adds what it needs as scripts/setup.d/NN-name.sh (run in order).
#   bash scripts/setup.sh                   everything: the notebooks, the tests and the benchmarks
#   bash scripts/setup.sh --notebooks-only  only what running the notebooks needs (HW_SETUP_PROFILE=notebooks;
#                                           binder/Dockerfile): Jupyter, plotly.js and the kernel, no solution build
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

for arg in "$@"; do
  case "$arg" in
    --notebooks-only) HW_SETUP_PROFILE=notebooks ;;
    *) echo "error: unknown argument '$arg' (scripts/setup.sh [--notebooks-only])" >&2; exit 2 ;;
  esac
done
export HW_SETUP_PROFILE="${HW_SETUP_PROFILE:-full}"
setup_profile >/dev/null

if ! command -v dotnet >/dev/null; then
  echo "error: the .NET SDK 10 (dotnet) is not on PATH; install it first (see README.md)" >&2
  exit 1
fi

for part in scripts/setup.d/*.sh; do
  [ -e "$part" ] || continue
  say "set-up: $(basename "$part")"
  bash "$part"
done

if notebooks_only; then
  # 40-kernel.sh published the kernel, which holds the library: that is all the notebooks load.
  say "notebooks profile: the solution build, the NuGet packs and the hw tool are skipped"
  exit 0
fi

say "building the .NET solution"
dotnet build HydroWorkshop.sln -c Release -nologo -clp:ErrorsOnly -v:quiet

bash scripts/pack.sh
