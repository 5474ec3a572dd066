#!/usr/bin/env bash
# Builds the breach-event generator and makes the default dike-breach data sets with our own solver:
#   out/breach-dataset       48 training events, seed 1, ids 1..48
#   out/breach-dataset-test  10 held-out events, seed 2, ids 1001..1010
# both in the layout of dike_breach_bentivoglio2023_subset (DikeBreachDataSet.Open reads them). Re-running resumes.
# Arguments, when given, go to one generator run instead, e.g.
#   data-scripts/make-breach-dataset.sh --out out/my-breaches --events 8 --seed 7 --first-id 1 --hydrograph random
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$repo/data-scripts/build-generator.sh"
build_generator BreachGenerator "${BREACH_ARTIFACTS:-$repo/out/build/breach-generator}"
generator=(dotnet "$generator_dll")
if [ "$#" -gt 0 ]; then
  exec "${generator[@]}" "$@"
fi
"${generator[@]}" --out "$repo/out/breach-dataset" --events 48 --seed 1 --first-id 1
"${generator[@]}" --out "$repo/out/breach-dataset-test" --events 10 --seed 2 --first-id 1001
