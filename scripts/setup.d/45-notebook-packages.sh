#!/usr/bin/env bash
# The NuGet packages that .NET Interactive notebooks ask for (Plotly.NET, Plotly.NET.Interactive, Plotly.NET.CSharp,
# Deedle, with FSharp.Core and every other dependency), restored into the local NuGet cache, where the kernel's
# `#r "nuget: …"` resolves them offline (docs/articles/kernel.md, ".NET Interactive notebooks, Plotly.NET and Deedle").
# Idempotent: a restore whose packages are in the cache already is a quick no-op.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
cd "$REPO_ROOT"
# The workshop notebooks run in our kernel, which needs none of these.
if notebooks_only; then say "notebooks profile: packages for .NET Interactive notebooks skipped"; exit 0; fi

say "NuGet cache: packages for .NET Interactive notebooks (scripts/notebook-packages)"
dotnet restore scripts/notebook-packages/NotebookPackages.csproj -nologo -v:quiet
