#!/usr/bin/env bash
# DocFX, the .NET tool that builds the documentation site (scripts/docs.sh: docs/articles and the API reference from
# the XML doc comments, into out/docs), in the checkout's own tool folder out/tools, never globally. Idempotent; the
# version is pinned so that a new DocFX cannot turn a clean docs build into warnings (CI treats them as errors).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$REPO_ROOT"
if notebooks_only; then say "notebooks profile: DocFX (the docs site) skipped"; exit 0; fi

version=2.81.0
tools="$REPO_ROOT/out/tools"
if [ -x "$tools/docfx" ] && dotnet tool list --tool-path "$tools" 2>/dev/null | grep -qiE "^docfx +$version "; then
  say "DocFX $version in out/tools is up to date"
else
  say "installing DocFX $version into out/tools"
  # `update` installs when missing and replaces another version.
  dotnet tool update --tool-path "$tools" --version "$version" docfx >/dev/null
fi
test -x "$tools/docfx"
