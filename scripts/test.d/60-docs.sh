#!/usr/bin/env bash
# The documentation site builds with no DocFX warning (scripts/docs.sh: broken links and bookmarks between articles,
# unknown xrefs and bad doc comments are errors), and every relative link in README.md and docs/ points to a file
# that exists, README's bookmarks into the articles included (tests/docs/test_links.py; DocFX does not see README).
# Prints unittest's "Ran N tests" so that scripts/test.sh counts the link checks; a failed docs build adds a failure.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$REPO_ROOT"
status=0
bash scripts/docs.sh || { echo "error: the docs build failed (see the DocFX warnings above)" >&2; status=1; }
(cd tests/docs && "$DEBIAN_PYTHON" -m unittest -v test_links 2>&1) || status=1
exit $status
