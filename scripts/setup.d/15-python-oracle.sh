#!/usr/bin/env bash
# Debian's python3-torch: the oracle that wrote the committed PyTorch fixtures, the peer in the engine benchmark,
# and the other side of the safetensors cross-language tests (which skip, saying why, without it).
# libopenblas0-pthread: Debian's python3-torch does its matrix products through libblas.so.3, and without OpenBLAS
# that alternative is the reference BLAS (about 10x slower): the benchmark's peer would not be PyTorch at its best.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
if notebooks_only; then say "notebooks profile: PyTorch (tests and benchmarks only) skipped"; exit 0; fi
apt_ensure python3-torch python3-numpy libopenblas0-pthread
