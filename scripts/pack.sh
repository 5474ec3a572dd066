#!/usr/bin/env bash
# Packs the kit into out/nuget and installs `hw` as a .NET tool (docs/articles/engine.md, "The kit as NuGet packages"):
#   HydroWorkshop         the library: a notebook in any C# kernel can `#i "nuget: <repo>/out/nuget"` and
#                         `#r "nuget: HydroWorkshop"`; it brings TorchSharp and this platform's libtorch package
#   HydroWorkshop.Cli     the `hw` tool     (dotnet tool update -g, below)
#   HydroWorkshop.Kernel  the kernel tool   (`hydroworkshop-kernel install --user`)
# The version grows with every commit (0.1.<commits>, plus .<minutes> for uncommitted changes), so a notebook never
# gets a stale copy from the NuGet cache. Skipped when nothing under lib/ changed since the last pack. Packs what
# scripts/setup.sh built (Release); run that first.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"
feed="$REPO_ROOT/out/nuget"
mkdir -p "$feed"

count=$(git rev-list --count HEAD 2>/dev/null || echo 0)
version="0.1.$count"
if [ -n "$(git status --porcelain -- lib Directory.Build.props Directory.Build.targets 2>/dev/null)" ]; then
  version="$version.$(( ($(date +%s) - 1767225600) / 60 ))"   # minutes since 2026-01-01
fi
stamp="$feed/.packed"
if [ -f "$stamp" ] && [ -z "$(find lib Directory.Build.props Directory.Build.targets -path '*/bin' -prune -o -path '*/obj' -prune -o \
     -path '*/node_modules' -prune -o -type f -newer "$stamp" -print -quit)" ]; then
  version=$(cat "$stamp")
  say "packages in $feed are up to date ($version)"
else
  say "packing HydroWorkshop $version into $feed"
  rm -f "$feed"/HydroWorkshop*.nupkg
  for project in lib/HydroWorkshop lib/HydroWorkshop.Cli lib/HydroWorkshop.Kernel; do
    dotnet pack "$project" -c Release --no-build -o "$feed" -p:HwPackageVersion="$version" -nologo -clp:ErrorsOnly -v:quiet
  done
  echo "$version" > "$stamp"
fi
ls "$feed"/HydroWorkshop."$version".nupkg "$feed"/HydroWorkshop.Cli."$version".nupkg "$feed"/HydroWorkshop.Kernel."$version".nupkg >/dev/null

say "installing hw $version as a .NET tool"
# One install at a time: two set-ups at once (scripts/run.sh beside scripts/test.sh, each from its own clone) both write
# ~/.dotnet/tools/hw, and the second failed with "The file '.../hw' already exists".
mkdir -p "$HOME/.dotnet"
if command -v flock >/dev/null; then
  flock "$HOME/.dotnet/.hw-tool-install.lock" \
    dotnet tool update --global --add-source "$feed" --version "$version" HydroWorkshop.Cli >/dev/null
else
  dotnet tool update --global --add-source "$feed" --version "$version" HydroWorkshop.Cli >/dev/null
fi
tools="$HOME/.dotnet/tools"
case ":$PATH:" in
  *":$tools:"*) ;;
  *) say "hw is in $tools: add it to PATH (e.g. echo 'export PATH=\"\$PATH:$tools\"' >> ~/.bashrc)";;
esac
