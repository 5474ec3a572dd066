#!/usr/bin/env bash
# Downloads the CAMELS-US release (Newman et al. 2015; Addor et al. 2017) from NCAR's GDEX and unpacks the parts the
# library reads into DEST (default: out/data/camels-us, where HydroWorkshop.Data.CamelsData looks first):
#   DEST/basin_dataset_public_v1p2/basin_mean_forcing/{daymet,maurer,nldas}/<HUC02>/<gauge>_lump_*_forcing_leap.txt
#   DEST/basin_dataset_public_v1p2/usgs_streamflow/<HUC02>/<gauge>_streamflow_qc.txt
#   DEST/camels_attributes_v2.0/camels_*.txt
# Each archive is checked before anything is unpacked: SHA-256 (against --sha256-* or data-scripts/camels-us.sha256 when
# present; otherwise the digest is printed and recorded in DEST/archives.sha256), every member's CRC, and the expected
# layout and basin count. Unpacking goes to a temporary folder that is renamed at the end, so DEST is never half-written.
#
# Options:
#   --dest DIR                     where to put the data set (default out/data/camels-us)
#   --timeseries-archive FILE|URL  basin_timeseries_v1p2_metForcing_obsFlow.zip (default: the GDEX URL, about 3.3 GB)
#   --attributes-archive FILE|URL  camels_attributes_v2.0.zip (default: the GDEX URL)
#   --sha256-timeseries HEX, --sha256-attributes HEX   expected digests
#   --expect-basins N              basins the release must hold (default 671)
#   --keep-archives                keep downloaded archives in DEST/.archives
# Ends with "CAMELS-US ready: N basins, forcings: ..., attributes: N files -> DEST".
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${DEBIAN_PYTHON:-/usr/bin/python3}"
[ -x "$python" ] || python="$(command -v python3)"

dest="$repo/out/data/camels-us"
timeseries="https://gdex.ucar.edu/dataset/camels/file/basin_timeseries_v1p2_metForcing_obsFlow.zip"
attributes="https://gdex.ucar.edu/dataset/camels/file/camels_attributes_v2.0.zip"
sha_timeseries="${CAMELS_US_SHA256_TIMESERIES:-}"
sha_attributes="${CAMELS_US_SHA256_ATTRIBUTES:-}"
expect_basins=671
keep=0
die() { echo "download-camels-us: $*" >&2; exit "${2:-1}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --dest) dest="${2:?--dest needs a folder}"; shift 2 ;;
    --timeseries-archive) timeseries="${2:?}"; shift 2 ;;
    --attributes-archive) attributes="${2:?}"; shift 2 ;;
    --sha256-timeseries) sha_timeseries="${2:?}"; shift 2 ;;
    --sha256-attributes) sha_attributes="${2:?}"; shift 2 ;;
    --expect-basins) expect_basins="${2:?}"; shift 2 ;;
    --keep-archives) keep=1; shift ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) die "unknown option '$1' (try --help)" 2 ;;
  esac
done

# Pinned digests, one "HEX  ARCHIVE-NAME" a line, used when no --sha256-* was given.
pinned="$repo/data-scripts/camels-us.sha256"
pinned_digest() { [ -f "$pinned" ] && awk -v n="$1" '$2 == n { print $1 }' "$pinned" | head -1 || true; }

mkdir -p "$(dirname "$dest")"
[ -d "$dest/.archives" ] && keep=1
dest="$(cd "$(dirname "$dest")" && pwd)/$(basename "$dest")"
work="$(dirname "$dest")/.$(basename "$dest").$$.tmp"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/archives" "$work/unpacked"

# fetch SOURCE NAME -> path of a local archive
fetch() {
  local source="$1" name="$2"
  if [ -f "$source" ]; then echo "$source"; return; fi
  case "$source" in http://*|https://*) ;; *) die "archive '$source' is neither a file nor a URL" ;; esac
  local cached="$dest/.archives/$name"
  # A cached archive (from an earlier --keep-archives) moves into the work folder, so replacing DEST keeps it.
  if [ -f "$cached" ]; then mv "$cached" "$work/archives/$name"; echo "$work/archives/$name"; return; fi
  echo "downloading $source" >&2
  curl -fL --retry 3 --retry-delay 5 -C - -o "$work/archives/$name.part" "$source" >&2 || die "download of $source failed"
  mv "$work/archives/$name.part" "$work/archives/$name"
  echo "$work/archives/$name"
}

# verify ARCHIVE EXPECTED-HEX NAME
verify() {
  local archive="$1" expected="$2" name="$3" actual
  actual="$(sha256sum "$archive" | cut -d' ' -f1)"
  [ -n "$expected" ] || expected="$(pinned_digest "$name")"
  if [ -n "$expected" ]; then
    [ "${actual,,}" = "${expected,,}" ] || die "checksum mismatch for $archive: SHA-256 is $actual, expected $expected (corrupt or different download; nothing was unpacked)" 3
    echo "checksum ok: $name $actual" >&2
  else
    echo "no pinned checksum for $name; its SHA-256 is $actual (recorded in $dest/archives.sha256)" >&2
  fi
  printf '%s  %s\n' "$actual" "$name" >> "$work/archives.sha256"
  "$python" - "$archive" <<'PY' || die "$archive is not a valid zip archive (truncated download?)" 4
import sys, zipfile
try:
    with zipfile.ZipFile(sys.argv[1]) as z:
        bad = z.testzip()
except zipfile.BadZipFile as e:
    sys.exit(f"{sys.argv[1]}: {e}")
if bad: sys.exit(f"{sys.argv[1]}: CRC error in member {bad}")
PY
}

# unpack ARCHIVE FOLDER PATTERN... (fnmatch patterns on member names)
unpack() {
  "$python" - "$@" <<'PY'
import fnmatch, os, sys, zipfile
archive, target, patterns = sys.argv[1], sys.argv[2], sys.argv[3:]
count = 0
with zipfile.ZipFile(archive) as z:
    for m in z.infolist():
        if m.is_dir() or not any(fnmatch.fnmatch(m.filename, p) for p in patterns): continue
        name = os.path.normpath(m.filename)
        if name.startswith("..") or os.path.isabs(name): sys.exit(f"{archive}: unsafe member path {m.filename}")
        z.extract(m, target); count += 1
print(count)
PY
}

ts_archive="$(fetch "$timeseries" basin_timeseries_v1p2_metForcing_obsFlow.zip)"
at_archive="$(fetch "$attributes" camels_attributes_v2.0.zip)"
verify "$ts_archive" "$sha_timeseries" basin_timeseries_v1p2_metForcing_obsFlow.zip
verify "$at_archive" "$sha_attributes" camels_attributes_v2.0.zip

n="$(unpack "$ts_archive" "$work/unpacked/ts" '*basin_mean_forcing/*_forcing_leap.txt' '*usgs_streamflow/*_streamflow_qc.txt')"
[ "$n" -gt 0 ] || die "$ts_archive holds no basin_mean_forcing/ or usgs_streamflow/ files: not the CAMELS-US time-series archive" 5
n="$(unpack "$at_archive" "$work/unpacked/at" '*camels_*.txt' '*readme*')"
[ "$n" -gt 0 ] || die "$at_archive holds no camels_*.txt attribute file" 5

# Normalise the layout whatever folder the archives wrap it in.
forcing_dir="$(find "$work/unpacked/ts" -type d -name basin_mean_forcing | head -1)"
flow_dir="$(find "$work/unpacked/ts" -type d -name usgs_streamflow | head -1)"
[ -n "$forcing_dir" ] && [ -n "$flow_dir" ] || die "$ts_archive lacks basin_mean_forcing/ or usgs_streamflow/" 5
mkdir -p "$work/out/basin_dataset_public_v1p2" "$work/out/camels_attributes_v2.0"
mv "$forcing_dir" "$flow_dir" "$work/out/basin_dataset_public_v1p2/"
find "$work/unpacked/at" -type f \( -name 'camels_*.txt' -o -iname '*readme*' \) -exec mv {} "$work/out/camels_attributes_v2.0/" \;

basins="$(find "$work/out/basin_dataset_public_v1p2/usgs_streamflow" -name '*_streamflow_qc.txt' | wc -l)"
[ "$basins" -eq "$expect_basins" ] || die "the archive holds $basins streamflow files, expected $expect_basins (incomplete archive?)" 6
products=""
for p in "$work/out/basin_dataset_public_v1p2/basin_mean_forcing"/*/; do
  products="$products $(basename "$p")($(find "$p" -name '*_forcing_leap.txt' | wc -l))"
done
attribute_files="$(ls "$work/out/camels_attributes_v2.0"/camels_*.txt | wc -l)"
mv "$work/archives.sha256" "$work/out/archives.sha256"
if [ "$keep" -eq 1 ]; then mkdir -p "$work/out/.archives"; find "$work/archives" -name '*.zip' -exec mv {} "$work/out/.archives/" \; ; fi
rm -rf "$dest"
mv "$work/out" "$dest"
echo "CAMELS-US ready: $basins basins, forcings:$products, attributes: $attribute_files files -> $dest"
