#!/usr/bin/env bash
# Debian's python3-torch: the oracle that wrote the committed PyTorch fixtures, the peer in the benchmarks,
# and the other side of the safetensors cross-language tests (which skip, saying why, without it).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
apt_ensure python3-torch python3-numpy
