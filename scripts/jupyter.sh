#!/usr/bin/env bash
# Opens the workshop in Jupyter with the C# kernel: `bash scripts/jupyter.sh [extra jupyter notebook options]`.
# Sets up first when the kernel is not installed yet (scripts/setup.sh, idempotent). The notebooks carry the
# kernelspec hydroworkshop-csharp, so they open with "C# (HydroWorkshop)"; new notebooks default to it too.
# HYDRO_FAST=1 bash scripts/jupyter.sh gives the short runs. Without a display (a server, a container) it listens
# on all interfaces and prints the URL with its token instead of opening a browser.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"
if ! "$DEBIAN_PYTHON" -m jupyter kernelspec list 2>/dev/null | grep -q '^ *hydroworkshop-csharp '; then
  say "the C# kernel is not installed yet: running scripts/setup.sh"
  bash scripts/setup.sh
fi
args=(--notebook-dir="$REPO_ROOT/notebooks" --MultiKernelManager.default_kernel_name=hydroworkshop-csharp)
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  args+=(--no-browser --ip=0.0.0.0)
  [ "$(id -u)" -eq 0 ] && args+=(--allow-root)
fi
say "Jupyter with the C# (HydroWorkshop) kernel; open 01-lstm-rainfall-runoff.ipynb to start (Ctrl+C stops)"
exec "$DEBIAN_PYTHON" -m jupyter notebook "${args[@]}" "$@"
