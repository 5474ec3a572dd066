#!/usr/bin/env bash
# libtorch and a fast BLAS, then the C shim (lib/native) built against whichever libtorch is found:
# $LIBTORCH, else Debian's libtorch-dev, else a Python torch install (see lib/native/CMakeLists.txt).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$REPO_ROOT"

packages=(cmake g++ make)
# Debian's libtorch-dev pulls the reference BLAS (about 6 GFLOP/s in sgemm); libopenblas0-pthread
# makes the libblas.so.3 alternative point to OpenBLAS (about 35x faster here).
[ -z "${LIBTORCH:-}" ] && packages+=(libtorch-dev libopenblas0-pthread)
apt_ensure "${packages[@]}"

if [ -z "${LIBTORCH:-}" ]; then
  blas=$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || true)
  case "$blas" in
    *openblas*) ;;
    *) say "warning: libblas.so.3 resolves to '$blas', not OpenBLAS: training will be very slow";;
  esac
fi

cmake -S lib/native -B lib/native/build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build lib/native/build -j"$(nproc)" -- --no-print-directory | grep -vE '^\[|^Consolidate|^-- ' || true
test -f lib/native/build/libhwtorch.so
