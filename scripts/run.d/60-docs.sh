#!/usr/bin/env bash
# The documentation site (scripts/docs.sh) into out/docs: the articles and the API reference. Warnings are printed,
# not fatal here; CI (scripts/test.d/60-docs.sh) fails on them.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$REPO_ROOT"
bash scripts/docs.sh --allow-warnings
echo "  open $REPO_ROOT/out/docs/index.html in a browser (or: out/tools/docfx serve out/docs)"
