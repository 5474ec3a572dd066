#!/usr/bin/env bash
# The workshop notebooks as .NET 10 file-based apps, for people who prefer scripts to notebooks:
#   bash scripts/export-notebooks.sh [--run] [notebooks/NN-name.ipynb ...]     (default: every notebooks/*.ipynb)
# writes out/exported/NN-name.cs (the kernel's `export` command; in a notebook: #!export NN-name.ipynb), each
# runnable with `dotnet run out/exported/NN-name.cs`. With --run it also runs each app (HYDRO_FAST=1 unless set
# otherwise; figures are saved as HTML under out/[fast/]exported/NN-name/) and prints unittest-style totals
# ("Ran N tests", "FAILED (failures=N)") so scripts/test.sh counts one test per app.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"
run=0
notebooks=()
for argument in "$@"; do
  case "$argument" in
    --run) run=1 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) notebooks+=("$argument") ;;
  esac
done
[ ${#notebooks[@]} -gt 0 ] || notebooks=(notebooks/*.ipynb)
require_kernel_dll
say "exporting ${#notebooks[@]} notebook(s) to out/exported"
dotnet "$KERNEL_DLL" export "${notebooks[@]}" --out out/exported
[ "$run" = 1 ] || exit 0

export HYDRO_FAST=${HYDRO_FAST:-1}
failed=0; total=0; start_all=$(date +%s)
for notebook in "${notebooks[@]}"; do
  name=$(basename "$notebook" .ipynb)
  total=$((total + 1))
  say "dotnet run out/exported/$name.cs (HYDRO_FAST=$HYDRO_FAST)"
  start=$(date +%s)
  # Release: the library is already built that way by the set-up, so only the app itself compiles.
  if dotnet run -c Release "out/exported/$name.cs" > "out/exported/$name.log" 2>&1; then
    # The app loads the engine with the kit's settings (NNPACK off while oneDNN is on): libtorch's NNPACK warning, one
    # line per small convolution on processors NNPACK does not support (AMD EPYC), says it did not.
    nnpack=$(grep -c 'Could not initialize NNPACK' "out/exported/$name.log" || true)
    if [ "${nnpack:-0}" -gt 0 ] && [ "${HW_NNPACK:-}" != 1 ] && [ "${HW_ONEDNN:-}" != 0 ]; then
      failed=$((failed + 1))
      echo "  $name: FAILED: $nnpack lines 'Could not initialize NNPACK' in out/exported/$name.log (the engine settings were not applied)"
    else
      echo "  $name: ok in $(( $(date +%s) - start )) s (output: out/exported/$name.log)"
    fi
  else
    failed=$((failed + 1))
    echo "  $name: FAILED after $(( $(date +%s) - start )) s; last lines of out/exported/$name.log:"
    # A native (libtorch) error puts its message above dozens of stack frames: show it, then the end of the log.
    grep -n -m 3 -A 2 -E 'Unhandled exception|Exception:|Error:' "out/exported/$name.log" | cut -c1-400 | sed 's/^/    /' || true
    echo "    ..."
    tail -25 "out/exported/$name.log" | sed 's/^/    /'
  fi
done
echo "exported apps: $(( $(date +%s) - start_all )) s in all"
echo "Ran $total tests"
if [ "$failed" -gt 0 ]; then echo "FAILED (failures=$failed)"; exit 1; fi
echo "OK"
