# Sourced by the make-*-dataset.sh scripts: build_generator NAME ARTIFACTS builds data-scripts/NAME (Release, into
# ARTIFACTS) and sets $generator_dll. The generators draw no charts: they build without plotly.js (npm), so a fresh
# clone needs only the .NET SDK. On failure the build log goes to stderr and the script exits 1.
build_generator() {
  local name="$1" artifacts="$2" project log
  project="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$name/$name.csproj"
  if ! log="$(dotnet build "$project" -c Release -nologo -v quiet --artifacts-path "$artifacts" -p:HydroWorkshopWithoutPlotly=true 2>&1)"; then
    printf '%s\n' "$log" >&2
    echo "$(basename "$0"): building $project failed" >&2
    exit 1
  fi
  generator_dll="$artifacts/bin/$name/release/$name.dll"
}
