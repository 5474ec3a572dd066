#!/usr/bin/env bash
# The C# Jupyter kernel's system side (the kernel's ZeroMQ is NetMQ, managed code): Jupyter from Debian (notebook,
# nbclient/nbconvert, the conformance suite, ipykernel as the benchmark's peer), then the kernel itself,
# published ReadyToRun into out/kernel (Roslyn's start-up JIT is most of the kernel's start-up), and
# its kernelspec for the current user. Idempotent.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$REPO_ROOT"

apt_ensure jupyter-notebook jupyter-client jupyter-nbconvert python3-nbclient python3-nbformat python3-jupyter-client
# The conformance suite, the benchmark's peer kernel and psutil serve the tests only.
notebooks_only || apt_ensure python3-jupyter-kernel-test python3-ipykernel python3-psutil

kernel_out="$REPO_ROOT/out/kernel"
project=lib/HydroWorkshop.Kernel/HydroWorkshop.Kernel.csproj
# Publishing ReadyToRun takes minutes on 2 cores: skip it when nothing under lib/ changed since.
if [ -f "$kernel_out/HydroWorkshop.Kernel.dll" ] && [ -z "$(find lib -path '*/bin' -prune -o -path '*/obj' -prune -o \
     \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.targets' \) -newer "$kernel_out/HydroWorkshop.Kernel.dll" -print -quit)" ]; then
  say "kernel in $kernel_out is up to date"
# ReadyToRun needs the crossgen2 package from NuGet; without it, a plain publish still works.
elif ! dotnet publish "$project" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
     -o "$kernel_out" -nologo -clp:ErrorsOnly -v:quiet; then
  say "ReadyToRun publish failed; publishing the kernel without it (slower start-up)"
  dotnet publish "$project" -c Release -o "$kernel_out" -nologo -clp:ErrorsOnly -v:quiet
fi
test -f "$kernel_out/HydroWorkshop.Kernel.dll"
dotnet "$kernel_out/HydroWorkshop.Kernel.dll" install --user
