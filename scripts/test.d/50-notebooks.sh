#!/usr/bin/env bash
# Every workshop notebook executed in fast mode (HYDRO_FAST=1) through the C# kernel with nbclient
# (tests/kernel/test_workshop_notebooks.py): fails on any cell error or a missing chart, and checks that the
# notebooks in git carry no outputs. Prints unittest's "Ran N tests" so scripts/test.sh counts each notebook.
# Executed copies and timings: out/test-results/notebooks. Then the notebooks exported as .NET file-based
# apps run in fast mode too (scripts/export-notebooks.sh --run), unless HW_SKIP_EXPORT=1.
# The kernel under test: $KERNEL_DLL, else the newer of out/kernel (setup) and the Release build.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$REPO_ROOT"

require_kernel_dll
export HYDRO_FAST=1
say "workshop notebooks in fast mode with $KERNEL_DLL"
start=$(date +%s)
status=0
(cd tests/kernel && "$DEBIAN_PYTHON" -m unittest -v test_workshop_notebooks 2>&1 | grep -v '^\[HydroWorkshop.Kernel ') || status=1
echo "notebooks: $(( $(date +%s) - start )) s in all; executed copies in out/test-results/notebooks"
if [ "${HW_SKIP_EXPORT:-}" != 1 ]; then
  say "the notebooks as .NET file-based apps, run in fast mode"
  bash scripts/export-notebooks.sh --run || status=1
fi
exit $status
