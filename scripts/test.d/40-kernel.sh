#!/usr/bin/env bash
# Jupyter-side tests of the C# kernel (tests/kernel): the jupyter_kernel_test conformance suite, protocol
# tests (tampered signatures, interrupt, streaming, NuGet, restart, 1,000 executions with the memory
# growth reported), a test notebook executed with nbclient and jupyter nbconvert, and the standalone HTML report of
# a small notebook (title, equations and a WebGL chart rendered offline, with and without WebGL).
# The kernel under test: $KERNEL_DLL, else the newer of out/kernel (setup) and the Release build.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$REPO_ROOT/tests/kernel"

require_kernel_dll
say "kernel tests with $KERNEL_DLL"
"$DEBIAN_PYTHON" -m unittest -v test_conformance test_protocol test_notebook test_html_report 2>&1 | grep -v '^\[HydroWorkshop.Kernel '
exit "${PIPESTATUS[0]}"
