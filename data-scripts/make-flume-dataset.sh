#!/usr/bin/env bash
# Builds and runs the flume data-set generator. Arguments go to it, e.g.
#   data-scripts/make-flume-dataset.sh --events 24 --seed 42 --out out/flume-dataset
# Default: 24 events x 100 frames on 64 x 128 cells into out/flume-dataset. Re-running resumes an interrupted run.
# Ends with the summary line "events N, frames N, grid NY x NX, wet fraction F".
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$repo/data-scripts/build-generator.sh"
build_generator FlumeGenerator "${FLUME_ARTIFACTS:-$repo/out/build/flume-generator}"
exec dotnet "$generator_dll" "$@"
