#!/usr/bin/env bash
# Builds and runs the flume data-set generator. Arguments go to it, e.g.
#   data-scripts/make-flume-dataset.sh --events 24 --seed 42 --out out/flume-dataset
# Default: 24 events x 100 frames on 64 x 128 cells into out/flume-dataset. Re-running resumes an interrupted run.
# Ends with the summary line "events N, frames N, grid NY x NX, wet fraction F".
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$repo/data-scripts/FlumeGenerator/FlumeGenerator.csproj"
artifacts="${FLUME_ARTIFACTS:-$repo/out/build/flume-generator}"
# The generator draws no charts: build without requiring plotly.js (npm) so a fresh clone needs only the .NET SDK.
if ! log="$(dotnet build "$project" -c Release -nologo -v quiet --artifacts-path "$artifacts" -p:HydroWorkshopWithoutPlotly=true 2>&1)"; then
  printf '%s\n' "$log" >&2
  echo "make-flume-dataset: building $project failed" >&2
  exit 1
fi
exec dotnet "$artifacts/bin/FlumeGenerator/release/FlumeGenerator.dll" "$@"
