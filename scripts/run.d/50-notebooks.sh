#!/usr/bin/env bash
# Executes every workshop notebook with the C# kernel into out/notebooks (outputs and plots kept there;
# the notebooks in git stay without outputs). Fails on the first notebook whose cell raises.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$REPO_ROOT"
mkdir -p out/notebooks
for notebook in notebooks/*.ipynb; do
  say "executing $notebook"
  start=$(date +%s)
  "$DEBIAN_PYTHON" -m jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=hydroworkshop-csharp \
    --ExecutePreprocessor.timeout=1800 --output-dir out/notebooks "$notebook" 2>&1 | grep -v '^\[HydroWorkshop.Kernel ' || true
  [ -f "out/notebooks/$(basename "$notebook")" ] || { echo "error: $notebook failed" >&2; exit 1; }
  "$DEBIAN_PYTHON" -m jupyter nbconvert --to html "out/notebooks/$(basename "$notebook")" --output-dir out/notebooks >/dev/null 2>&1 || true
  echo "  $(basename "$notebook"): $(( $(date +%s) - start )) s -> out/notebooks/$(basename "$notebook" .ipynb).html"
done
