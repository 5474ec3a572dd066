#!/usr/bin/env bash
# Builds the Binder image (binder/Dockerfile) from the files git knows (a clone's view, as Binder gets it), then
#   1. executes notebooks/00-setup-check.ipynb inside it with HYDRO_FAST=1 and no network (jupyter nbconvert
#      --execute; HW_BINDER_NOTEBOOKS="00-setup-check 01-lstm-rainfall-runoff" runs more), and
#   2. starts `jupyter notebook` as Binder does (a base URL, a token, the repository as working folder) and fetches
#      the page the README's Binder link opens (?urlpath=tree/notebooks).
# Not part of scripts/test.sh: the first build downloads the NuGet and npm packages and takes ~15-25 minutes on
# 2 cores. Needs a running Docker daemon and an image debian:bookworm-slim (made here with debootstrap when missing
# and run as root). Prints the build time and the image size.
#
# The .NET SDK: HW_BINDER_SDK=local (the default) puts this machine's SDK (the folder of `dotnet`) into the base
# image, so the Dockerfile skips Microsoft's dotnet-install.sh download; HW_BINDER_SDK=download lets it run, as on
# Binder. Every other step is the published Dockerfile's either way.
# NuGet, npm and apt go to the same registries as on this machine (--network host, the machine's extra CA
# certificates; NUGET_CERT_REVOCATION_MODE when set), all through the check's base image, so the published
# Dockerfile needs no switch for them. HW_BINDER_KEEP=1 keeps the images afterwards.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

image=hydroworkshop-binder-check
sdk_mode="${HW_BINDER_SDK:-local}"
work=$(mktemp -d)
container=""
cleanup() {
  [ -z "$container" ] || docker rm -f "$container" >/dev/null 2>&1 || true
  rm -rf "$work"
  [ "${HW_BINDER_KEEP:-0}" = 1 ] || docker rmi -f "$image" hydroworkshop-binder-base >/dev/null 2>&1 || true
}
trap cleanup EXIT

command -v docker >/dev/null || { echo "error: docker is not installed (Debian: apt-get install docker.io)" >&2; exit 1; }
docker info >/dev/null 2>&1 || { echo "error: no Docker daemon answers (start it: systemctl start docker, or dockerd &)" >&2; exit 1; }

if ! docker image inspect debian:bookworm-slim >/dev/null 2>&1; then
  if ! docker pull debian:bookworm-slim >/dev/null 2>&1; then
    command -v debootstrap >/dev/null && [ "$(id -u)" -eq 0 ] \
      || { echo "error: no image debian:bookworm-slim and none can be pulled; as root with debootstrap installed this script makes one" >&2; exit 1; }
    say "making debian:bookworm-slim with debootstrap (no image registry reachable)"
    debootstrap --variant=minbase bookworm "$work/rootfs" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 \
      || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
    tar -C "$work/rootfs" -c . | docker import - debian:bookworm-slim >/dev/null
    rm -rf "$work/rootfs"
  fi
fi

# The base image of the check: debian:bookworm-slim plus what this machine's network needs (the extra certificate
# authorities in /usr/local/share/ca-certificates, e.g. of a TLS-inspecting proxy, trusted once the Dockerfile installs
# ca-certificates; Node told to use that store; NUGET_CERT_REVOCATION_MODE when set) and, with HW_BINDER_SDK=local, the SDK.
mkdir -p "$work/base/certs"
cp /usr/local/share/ca-certificates/*.crt "$work/base/certs/" 2>/dev/null || true
{
  echo 'FROM debian:bookworm-slim'
  echo 'COPY certs/ /usr/local/share/ca-certificates/'
  echo 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt'
  [ -z "${NUGET_CERT_REVOCATION_MODE:-}" ] || echo "ENV NUGET_CERT_REVOCATION_MODE=$NUGET_CERT_REVOCATION_MODE"
} > "$work/base/Dockerfile"
base_context=(-C "$work/base" Dockerfile certs)
case "$sdk_mode" in
  local)
    sdk_dir=$(dirname "$(readlink -f "$(command -v dotnet)")")
    say "base image: the local .NET SDK in $sdk_dir ($(dotnet --version)) and $(ls "$work/base/certs" | wc -l) extra CA certificate(s)"
    printf 'COPY dotnet /usr/share/dotnet\nRUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet\n' >> "$work/base/Dockerfile"
    base_context+=(-C "$(dirname "$sdk_dir")" --transform "s,^$(basename "$sdk_dir"),dotnet," "$(basename "$sdk_dir")")
    ;;
  download) say "base image: $(ls "$work/base/certs" | wc -l) extra CA certificate(s); the SDK from Microsoft's dotnet-install.sh, as on Binder" ;;
  *) echo "error: HW_BINDER_SDK='$sdk_mode' is not one of local, download" >&2; exit 2 ;;
esac
tar -c "${base_context[@]}" | DOCKER_BUILDKIT=0 docker build -q -t hydroworkshop-binder-base - >/dev/null
build_args=(--network host -f binder/Dockerfile -t "$image" --build-arg BASE_IMAGE=hydroworkshop-binder-base)

# The context is what a clone holds (tracked plus new, not ignored files), as Binder builds from a clone; the
# classic builder, as repo2docker uses.
say "building $image from binder/Dockerfile (log: $work/build.log while it runs)"
start=$(date +%s)
git ls-files -z --cached --others --exclude-standard | tar --null -T - -c --ignore-failed-read 2>/dev/null \
  | DOCKER_BUILDKIT=0 docker build "${build_args[@]}" - >"$work/build.log" 2>&1 \
  || { tail -40 "$work/build.log" >&2; echo "error: the image did not build" >&2; exit 1; }
build_seconds=$(( $(date +%s) - start ))
size=$(docker image inspect -f '{{.Size}}' "$image")
say "built in ${build_seconds} s; image size $(( size / 1000000 )) MB"

# Without a network: what the notebooks need must be in the image.
for notebook in ${HW_BINDER_NOTEBOOKS:-00-setup-check}; do
  say "executing notebooks/$notebook.ipynb in the image (HYDRO_FAST=1, no network)"
  mkdir -p "$work/out" && chmod 777 "$work/out"
  start=$(date +%s)
  docker run --rm --network none -e HYDRO_FAST=1 -v "$work/out:/out" "$image" \
    jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=900 \
      --output-dir /out --output "$notebook.executed.ipynb" "notebooks/$notebook.ipynb" 2>&1 | grep -v '^\[HydroWorkshop.Kernel' | tail -3
  "$DEBIAN_PYTHON" - "$work/out/$notebook.executed.ipynb" <<'PY'
import json, sys
nb = json.load(open(sys.argv[1]))
code = [c for c in nb["cells"] if c["cell_type"] == "code"]
errors = [o for c in code for o in c.get("outputs", []) if o.get("output_type") == "error"]
if errors or not any(c.get("outputs") for c in code):
    sys.exit(f"error: {len(errors)} error output(s): " + "; ".join(f"{e.get('ename')}: {e.get('evalue')}" for e in errors))
print(f"{len(code)} code cells ran without an error; kernel {nb['metadata']['kernelspec']['name']}")
PY
  say "$notebook executed in $(( $(date +%s) - start )) s"
done

say "starting jupyter notebook as Binder does and opening ?urlpath=tree/notebooks"
port=$("$DEBIAN_PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
container=$(docker run -d --network host "$image" jupyter notebook --ip=127.0.0.1 --port="$port" --no-browser \
  --NotebookApp.base_url=/user/check/ --NotebookApp.token=check)
page=""
for _ in $(seq 60); do
  page=$(curl -fsS "http://127.0.0.1:$port/user/check/tree/notebooks?token=check" 2>/dev/null) && break
  sleep 1
done
[ -n "$page" ] || { docker logs "$container" 2>&1 | tail -20 >&2; echo "error: /user/check/tree/notebooks did not answer" >&2; exit 1; }
curl -fsS "http://127.0.0.1:$port/user/check/api/contents/notebooks?token=check" | grep -q '"00-setup-check.ipynb"' \
  || { echo "error: the folder the link opens does not hold the notebooks" >&2; exit 1; }
curl -fsS "http://127.0.0.1:$port/user/check/api/kernelspecs?token=check" | grep -q hydroworkshop-csharp \
  || { echo "error: the server does not offer the hydroworkshop-csharp kernel" >&2; exit 1; }
say "the tree page opens on the notebooks folder and the server offers the C# kernel"
echo "binder-check: passed (build ${build_seconds} s, image $(( size / 1000000 )) MB, SDK: $sdk_mode)"
