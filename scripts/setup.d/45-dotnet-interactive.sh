#!/usr/bin/env bash
# The .NET Interactive kernel (Microsoft.dotnet-interactive, the kernel of VS Code's Polyglot Notebooks) in the
# checkout's own tool folder out/tools, for scripts/test.d/55-dotnet-interactive.sh (the workshop notebooks run in
# it too). Never installed globally: the user's own `dotnet interactive` and Jupyter kernels stay as they are.
# Idempotent. The version is pinned: the tool is deprecated (archived in April 2026), 1.0.712001 is its last release.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$REPO_ROOT"
if notebooks_only; then say "notebooks profile: .NET Interactive (its tests only) skipped"; exit 0; fi

version=1.0.712001
tools="$REPO_ROOT/out/tools"
if [ -x "$tools/dotnet-interactive" ] && dotnet tool list --tool-path "$tools" 2>/dev/null | grep -qiE "^microsoft\.dotnet-interactive +$version "; then
  say ".NET Interactive $version in out/tools is up to date"
else
  say "installing .NET Interactive $version into out/tools"
  # `update` installs when missing and replaces another version.
  dotnet tool update --tool-path "$tools" --version "$version" Microsoft.dotnet-interactive >/dev/null
fi
test -x "$tools/dotnet-interactive"
