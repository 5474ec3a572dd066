#!/usr/bin/env bash
# Builds the documentation site into out/docs (open out/docs/index.html, or `out/tools/docfx serve out/docs`):
# the articles in docs/articles and the API reference that DocFX generates from the XML doc comments of
# lib/HydroWorkshop and lib/HydroWorkshop.Kernel (docs/docfx.json). Every DocFX warning (a broken link or bookmark
# between articles, an unknown xref, a bad doc comment) fails the build; --allow-warnings prints them and goes on
# (the main job uses it, CI does not). Needs the projects restored, as scripts/setup.sh leaves them; DocFX itself
# comes from scripts/setup.d/50-docs.sh (run here when missing).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

strict=(--warningsAsErrors)
for arg in "$@"; do
  case "$arg" in
    --allow-warnings) strict=() ;;
    *) echo "error: unknown argument '$arg' (scripts/docs.sh [--allow-warnings])" >&2; exit 2 ;;
  esac
done

[ -x out/tools/docfx ] || bash scripts/setup.d/50-docs.sh
# DocFX reads the projects through MSBuild without restoring them (docs/docfx.json: noRestore); restore what is not.
for project in lib/HydroWorkshop/HydroWorkshop.csproj lib/HydroWorkshop.Kernel/HydroWorkshop.Kernel.csproj; do
  [ -f "$(dirname "$project")/obj/project.assets.json" ] || dotnet restore "$project" -nologo -v:quiet
done

start=$(date +%s)
rm -rf docs/api out/docs   # docs/api: the generated API pages' sources (git-ignored); stale ones would be built too
say "docs: API metadata from the XML doc comments, then the site"
DOTNET_CLI_TELEMETRY_OPTOUT=1 out/tools/docfx docs/docfx.json "${strict[@]}"
test -f out/docs/index.html
echo "docs: out/docs/index.html ($(( $(date +%s) - start )) s)"
