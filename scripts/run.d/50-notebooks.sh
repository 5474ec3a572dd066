#!/usr/bin/env bash
# Executes every workshop notebook with the C# kernel into out/notebooks: the executed .ipynb (outputs kept there;
# the notebooks in git stay without outputs) and a standalone .html report that works offline on any machine
# (plotly.js is inlined by the first chart, MathJax by the exporter; the title is the notebook's first heading).
# Headless Chromium with no network checks that every chart draws, with and without WebGL, and every equation renders.
# HYDRO_FAST=1 runs the short version (fewer basins, epochs, events). Fails on the first notebook whose cell raises.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$REPO_ROOT"
out="$REPO_ROOT/out/notebooks"
mkdir -p "$out"
: > "$out/timings.txt"
mode=$([ "${HYDRO_FAST:-}" = 1 ] && echo "fast mode" || echo "full mode")
for notebook in notebooks/*.ipynb; do
  name=$(basename "$notebook" .ipynb)
  say "executing $notebook ($mode)"
  start=$(date +%s)
  rm -f "$out/$name.ipynb"
  "$DEBIAN_PYTHON" -m jupyter nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=hydroworkshop-csharp \
    --ExecutePreprocessor.timeout=1800 --output-dir "$out" "$notebook" 2>&1 | grep -v '^\[HydroWorkshop.Kernel ' || true
  [ -f "$out/$name.ipynb" ] || { echo "error: $notebook failed (see the cell error above)" >&2; exit 1; }
  seconds=$(( $(date +%s) - start ))
  (cd tests/kernel && "$DEBIAN_PYTHON" -c 'import sys, html_charts; html_charts.export_html(sys.argv[1], sys.argv[2])' \
    "$out/$name.ipynb" "$out/$name.html" 2>&1 | grep -v -i 'debugger\|frozen\|PYDEVD' || true)
  printf '%s\t%s s\t%s\n' "$name" "$seconds" "$mode" >> "$out/timings.txt"
  echo "  $name: $seconds s -> $out/$name.html"
done
if command -v chromium >/dev/null || [ -n "${HYDROWORKSHOP_CHROMIUM:-}" ]; then
  say "checking that the charts draw and the equations render offline"
  (cd tests/kernel && "$DEBIAN_PYTHON" html_charts.py "$out"/*.html 2>&1 | grep -v -i 'debugger\|frozen\|PYDEVD')
fi
say "executed notebooks and HTML reports in $out"
ls -1 "$out"/*.html | sed 's/^/  /'
echo "  run times: $out/timings.txt; open the reports in any browser (no network needed)"
