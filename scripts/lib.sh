# scripts/lib.sh - shared helpers for the set-up, run and test scripts (sourced, not run).
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REPO_ROOT

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Installs the Debian packages that are missing; apt-get update runs only when something is.
apt_ensure() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  say "installing Debian packages: ${missing[*]}"
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
  # Waits (up to 10 minutes) for another apt, e.g. unattended upgrades, instead of failing on dpkg's lock.
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Debian's Python (sees python3-torch, Jupyter); the first python3 on PATH may be another one.
DEBIAN_PYTHON=/usr/bin/python3
export DEBIAN_PYTHON

# The kernel under test: $KERNEL_DLL, else the newer of out/kernel (set-up) and the Release build; exported.
# Fails with the reason when neither is built.
require_kernel_dll() {
  if [ -z "${KERNEL_DLL:-}" ]; then
    KERNEL_DLL=$(ls -t "$REPO_ROOT/out/kernel/HydroWorkshop.Kernel.dll" \
      "$REPO_ROOT/lib/HydroWorkshop.Kernel/bin/Release/net10.0/HydroWorkshop.Kernel.dll" 2>/dev/null | head -1 || true)
  fi
  if [ -z "$KERNEL_DLL" ] || [ ! -f "$KERNEL_DLL" ]; then
    echo "error: the kernel is not built (run scripts/setup.sh, or set KERNEL_DLL)" >&2
    exit 1
  fi
  export KERNEL_DLL
}

# The set-up profile, HW_SETUP_PROFILE (scripts/setup.sh --notebooks-only sets it): "full" (the default: what CI's
# tests and benchmarks need too) or "notebooks" (only what running the notebooks needs: Jupyter, plotly.js, the
# kernel; no Chromium, PyTorch, .NET Interactive, test or benchmark projects). The Binder image uses "notebooks".
setup_profile() {
  case "${HW_SETUP_PROFILE:-full}" in
    full|notebooks) echo "${HW_SETUP_PROFILE:-full}" ;;
    *) echo "error: HW_SETUP_PROFILE='${HW_SETUP_PROFILE}' is not one of full, notebooks" >&2; return 1 ;;
  esac
}

# True in the notebooks profile: a set-up step for tests or benchmarks only then exits early, saying so.
notebooks_only() { [ "$(setup_profile)" = notebooks ]; }
