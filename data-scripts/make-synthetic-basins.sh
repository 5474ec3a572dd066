#!/usr/bin/env bash
# Builds and runs the synthetic-basins generator (CAMELS-US layout). Arguments go to it, e.g.
#   data-scripts/make-synthetic-basins.sh --basins 32 --start 1989-01-01 --end 2010-12-31 --seed 42 --out out/data/synthetic-camels
# Default: 32 basins x 22 years into out/data/synthetic-camels (the folder the library uses on a fresh clone).
# Ends with the summary line "basins N, days N (...), seed N, mean P ..., mean Q ..., T s -> FOLDER".
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$repo/data-scripts/SyntheticBasins/SyntheticBasins.csproj"
artifacts="${SYNTHETIC_ARTIFACTS:-$repo/out/build/synthetic-basins}"
dotnet build "$project" -c Release -nologo -v quiet --artifacts-path "$artifacts" -p:HydroWorkshopWithoutPlotly=true >/dev/null
exec dotnet "$artifacts/bin/SyntheticBasins/release/SyntheticBasins.dll" "$@"
