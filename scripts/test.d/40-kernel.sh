#!/usr/bin/env bash
# Jupyter-side tests of the C# kernel (tests/kernel), each through real kernel processes: the jupyter_kernel_test
# conformance suite; protocol tests (tampered signatures, streaming and stream order, inspect, NuGet, restart, 1,000
# executions with the memory growth reported); interrupt of cells that never ask for it (test_interrupt); the tensor
# memory bound (test_memory); one kernel per checkout (test_checkouts); a test notebook executed with nbclient and
# jupyter nbconvert; the standalone HTML report of a small notebook (title, equations and a WebGL chart rendered
# offline, with and without WebGL); and a .NET Interactive notebook with Plotly.NET and Deedle run unedited and
# offline (test_dotnet_interactive).
# The kernel under test: $KERNEL_DLL, else the newer of out/kernel (setup) and the Release build.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$REPO_ROOT/tests/kernel"

require_kernel_dll
say "kernel tests with $KERNEL_DLL"
"$DEBIAN_PYTHON" -m unittest -v test_conformance test_protocol test_interrupt test_memory test_checkouts test_notebook \
  test_html_report test_dotnet_interactive 2>&1 | grep -v '^\[HydroWorkshop.Kernel '
exit "${PIPESTATUS[0]}"
