#!/usr/bin/env bash
# Charts: plotly.js from npm (embedded into HydroWorkshop.dll at build time), MathJax from npm (inlined into the
# notebooks' HTML reports by tests/kernel/html_charts.py) and Debian's chromium for PNG export and the browser tests
# (lib/HydroWorkshop/Plotting, docs/articles/charts.md).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$REPO_ROOT"

# The notebooks profile leaves Chromium out: the notebooks show charts in the browser the user already has.
notebooks_only || apt_ensure chromium fonts-dejavu-core
command -v npm >/dev/null || apt_ensure npm

lock=lib/HydroWorkshop/package-lock.json
stamp=lib/HydroWorkshop/node_modules/.hydroworkshop-lock.sha256
want=$(sha256sum "$lock" | cut -d' ' -f1)
if [ ! -f lib/HydroWorkshop/node_modules/plotly.js-dist-min/plotly.min.js ] || [ ! -f lib/HydroWorkshop/node_modules/mathjax/es5/tex-svg-full.js ] \
   || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  say "npm ci (plotly.js, MathJax)"
  (cd lib/HydroWorkshop && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
fi
test -f lib/HydroWorkshop/node_modules/plotly.js-dist-min/plotly.min.js
test -f lib/HydroWorkshop/node_modules/mathjax/es5/tex-svg-full.js
