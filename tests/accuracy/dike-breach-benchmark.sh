#!/usr/bin/env bash
# Issue 22's benchmark: the flood stepper, the coarse refiner and the one-pass model on breaches they have not seen, beside the baselines, in one run.
#   bash tests/accuracy/dike-breach-benchmark.sh [mix|dhydro|generated|coarse|refiner|refiner-dhydro|refiner-generated|one-pass|
#     one-pass-coarse8 ...]
#   (default: mix dhydro generated coarse refiner; 10 min each for mix and generated, 40 for dhydro and coarse, 30 for each
#   refiner, 20 for one-pass, about 15 for one-pass-coarse8, + scoring; refiner-dhydro and refiner-generated train the
#   refiner on each part of its data alone; one-pass is the one-pass model, OnePassFlood, and one-pass-coarse8 the same on
#   the coarse run x8)
# Makes our solver's breach events when absent (data-scripts/make-breach-dataset.sh: out/breach-dataset for training,
# out/breach-dataset-test held out), trains tests/accuracy/dike-breach-stepper[-dhydro|-generated|-coarse].yml or
# dike-breach-refiner[-dhydro|-generated].yml or dike-breach-one-pass[-coarse8].yml and scores each run on the D-HYDRO
# test split (500-509, breaches at the corner, new terrain) and on the held-out generated events (breaches anywhere on
# the boundary, new terrain):
# hw surrogate evaluate RUN --data FOLDER prints the table with persistence, climatology, the coarse solver, the fine
# solver and the speed-up, and writes it into the run folder.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
cd "$REPO_ROOT"
shared="${HYDROWORKSHOP_DATA:-../shared/data}/dike_breach_bentivoglio2023_subset"
[ -d "$shared" ] || { echo "skipped: the D-HYDRO dike-breach data ($shared) is not here" >&2; exit 0; }
[ -f out/breach-dataset-test/breaches.csv ] && [ "$(ls out/breach-dataset/raw_dataset/WD 2>/dev/null | wc -l)" -ge 48 ] \
  || bash data-scripts/make-breach-dataset.sh
dotnet build lib/HydroWorkshop.Cli -c Release -nologo -v quiet >/dev/null
hw() { dotnet lib/HydroWorkshop.Cli/bin/Release/net10.0/hw.dll "$@"; }
variants=("$@"); [ ${#variants[@]} -gt 0 ] || variants=(mix dhydro generated coarse refiner)
for variant in "${variants[@]}"; do
  case "$variant" in
    mix) name=dike-breach-stepper ;;
    dhydro|generated|coarse) name=dike-breach-stepper-$variant ;;
    refiner) name=dike-breach-refiner ;;
    refiner-dhydro|refiner-generated|one-pass|one-pass-coarse8) name=dike-breach-$variant ;;
    *) echo "unknown variant '$variant' (mix, dhydro, generated, coarse, refiner, refiner-dhydro, refiner-generated, one-pass," \
            "one-pass-coarse8)" >&2
       exit 2 ;;
  esac
  say "$name: training (tests/accuracy/$name.yml)"
  start=$(date +%s)
  hw surrogate train "tests/accuracy/$name.yml"
  say "$name: D-HYDRO test split 500-509 (trained $(( $(date +%s) - start )) s)"
  hw surrogate evaluate "out/runs/$name" --data "$shared" --split test
  say "$name: our solver's held-out breaches (out/breach-dataset-test)"
  hw surrogate evaluate "out/runs/$name" --data out/breach-dataset-test
done
