#!/usr/bin/env bash
# The main job: set-up, then everything the workshop shows, executed. Each part adds its step as
# scripts/run.d/NN-name.sh (run in order); outputs go to out/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"
bash scripts/setup.sh
mkdir -p out
export PATH="$PATH:$HOME/.dotnet/tools"   # hw, installed as a .NET tool by the set-up
say "environment"
hw info
say "demo: a first rainfall-runoff model"
hw demo
for part in scripts/run.d/*.sh; do
  [ -e "$part" ] || continue
  say "run: $(basename "$part")"
  bash "$part"
done
say "done; outputs in $REPO_ROOT/out"
