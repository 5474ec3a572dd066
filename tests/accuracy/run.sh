#!/usr/bin/env bash
# Accuracy runs on real data (slow: minutes; not part of the test command). Trains the run a config in this
# folder describes, evaluates it on its test period and prints the metrics table with the wall time.
#   bash tests/accuracy/run.sh camels-01022500        (or camels-regional-lstm, flume-cnnlstm,
#                                                      rhine-meuse-convlstm, vegetation-pure-convlstm, ...)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
cd "$REPO_ROOT"
name="${1:?usage: tests/accuracy/run.sh CONFIG_NAME (a .yml in tests/accuracy)}"
config="tests/accuracy/$name.yml"
[ -f "$config" ] || { echo "no such config: $config" >&2; exit 2; }
[ -d ../shared/data ] || [ -n "${HYDROWORKSHOP_DATA:-}" ] || { echo "skipped: the real data (../shared/data) is not here" >&2; exit 0; }
dotnet build lib/HydroWorkshop.Cli -c Release -nologo -v quiet >/dev/null
hw() { dotnet lib/HydroWorkshop.Cli/bin/Release/net10.0/hw.dll "$@"; }
start=$(date +%s)
case "$name" in
  flume-*|dike-*)   # map surrogates: training ends by scoring the test events
    hw surrogate train "$config"; trained=$(date +%s) ;;
  rhine-meuse-*|vegetation-*)   # gridded runs: training ends by scoring the test period
    hw gridded train "$config"; trained=$(date +%s) ;;
  *)
    hw train "$config"; trained=$(date +%s)
    hw evaluate "out/runs/$name" --period test ;;
esac
echo "wall time: training $((trained - start)) s, evaluation $(( $(date +%s) - trained )) s on $(nproc) cores"
