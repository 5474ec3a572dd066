#!/usr/bin/env bash
# The data scripts that run as file-based apps (data-scripts/*.cs: the calibrations behind tables in the docs) still
# build against the library; the solution builds the generator projects beside them, not these. Into their own
# artifacts folder (out/data-scripts-build), so that the library's bin/ stays as the solution's build left it.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$REPO_ROOT"
status=0
for script in data-scripts/*.cs; do
  if log=$(dotnet build "$script" -c Release -nologo -v quiet --artifacts-path out/data-scripts-build 2>&1); then
    echo "builds: $script"
  else
    printf '%s\n' "$log"
    echo "error: $script does not build (dotnet build $script)" >&2
    status=1
  fi
done
exit $status
