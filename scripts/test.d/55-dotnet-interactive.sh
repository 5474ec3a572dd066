#!/usr/bin/env bash
# Notebooks 00 and 01, unchanged, executed in fast mode (HYDRO_FAST=1) by the .NET Interactive kernel (the kernel of
# VS Code's Polyglot Notebooks; out/tools, scripts/setup.d/45-dotnet-interactive.sh) with nbclient, the library
# coming from out/nuget (scripts/pack.sh): fails on any cell error or a chart cell without its HTML chart
# (tests/kernel/test_dotnet_interactive_notebooks.py). Prints unittest's "Ran N tests" so scripts/test.sh counts
# each notebook. Executed copies and timings: out/test-results/dotnet-interactive. HW_DI_NOTEBOOKS=00,01,02 picks others.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$REPO_ROOT"

export HYDRO_FAST=1
say "notebooks ${HW_DI_NOTEBOOKS:-00,01} in the .NET Interactive kernel, fast mode"
start=$(date +%s)
status=0
(cd tests/kernel && "$DEBIAN_PYTHON" -m unittest -v test_dotnet_interactive_notebooks 2>&1) || status=1
echo ".NET Interactive notebooks: $(( $(date +%s) - start )) s in all; executed copies in out/test-results/dotnet-interactive"
exit $status
