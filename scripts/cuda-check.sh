#!/usr/bin/env bash
# Runs the engine's tests on a GPU machine that has a CUDA PyTorch (or an unpacked CUDA libtorch in
# $LIBTORCH) but no .NET: builds the shim there, then runs the self-contained test app published here with
#   dotnet publish tests/HydroWorkshop.Torch.Tests -c Release -r linux-x64 --self-contained -o DIR
# Usage: scripts/cuda-check.sh DIR-or-DIR.tar.xz [LOG-DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
tests="${1:?usage: scripts/cuda-check.sh PUBLISHED-TESTS(.tar.xz) [LOG-DIR]}"
logs="${2:-$(mktemp -d)}"
work="$(mktemp -d)"
mkdir -p "$logs"

if [[ "$tests" == *.tar.xz ]]; then
  tar -xJf "$tests" -C "$work"
  tests="$(find "$work" -maxdepth 2 -name HydroWorkshop.Torch.Tests -type f -printf '%h\n' | head -1)"
fi
[[ -x "$tests/HydroWorkshop.Torch.Tests" ]] || { echo "no HydroWorkshop.Torch.Tests executable in $tests" >&2; exit 2; }

nvidia-smi -L || true
python3 -c 'import torch; print("python torch", torch.__version__, "cuda", torch.version.cuda, "available", torch.cuda.is_available())' || true

# The shim, built against this machine's libtorch; it replaces the CPU build published beside the tests.
cmake -S "$here/lib/native" -B "$work/native" -DCMAKE_BUILD_TYPE=Release >"$logs/cmake.log" 2>&1 || { tail -40 "$logs/cmake.log"; exit 1; }
grep -E "libtorch|CUDA" "$logs/cmake.log" | head -5 || true
cmake --build "$work/native" -j "$(nproc)" >"$logs/build.log" 2>&1 || { grep -E "error|Error" "$logs/build.log" | head -40; exit 1; }
(cd "$work/native" && ctest --output-on-failure) >"$logs/ctest.log" 2>&1 || { cat "$logs/ctest.log"; exit 1; }
cp "$work/native/libhwtorch.so" "$tests/libhwtorch.so"

cd "$tests"
status=0
./HydroWorkshop.Torch.Tests -noLogo -noColor -reporter verbose "${@:3}" >"$logs/tests.log" 2>&1 || status=$?
grep -E -A30 "\[FAIL\]" "$logs/tests.log" | head -400 || true
tail -5 "$logs/tests.log"
exit $status
