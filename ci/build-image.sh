#!/usr/bin/env bash
# Builds the qbd-sim image (ci/Dockerfile) from this checkout.
#
#   ci/build-image.sh                     offline: the base image is made here, by `docker import` of this machine's
#                                         own Node.js binary and the shared libraries it loads (no registry needed)
#   ci/build-image.sh --base node:20-slim on a base image from a registry (what users normally do)
#
# Options: --tag NAME (default qbd-sim:local), --base IMAGE, --no-build (use the existing dist/), --keep-context.
# The image runs `qbd-sim serve`; see ci/Dockerfile for its environment variables and ci/README.md for its use.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

TAG=qbd-sim:local
BASE=""
BUILD=1
KEEP=0
while (($#)); do
  case "$1" in
    --tag) TAG=$2; shift 2 ;;
    --base) BASE=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --keep-context) KEEP=1; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "build-image: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

if ! docker info >/dev/null 2>&1; then
  echo "build-image: no Docker engine answers (docker info failed); start dockerd first (.ci/run does)." >&2
  exit 1
fi

# The legacy builder: BuildKit needs the buildx plugin, which a distribution's docker.io may not ship.
export DOCKER_BUILDKIT=${DOCKER_BUILDKIT:-0}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/qbd-sim-image.XXXXXX")
cleanup() { ((KEEP)) && echo "build-image: context kept in $WORK" || rm -rf "$WORK"; }
trap cleanup EXIT

if [[ -z "$BASE" ]]; then
  # A base image with nothing but node, the libraries it and the SQLite addon load, CA certificates and /tmp.
  NODE_BIN=$(readlink -f "$(command -v node)")
  NODE_VERSION=$(node --version)
  BASE="qbd-sim-base:node-${NODE_VERSION#v}"
  if docker image inspect "$BASE" >/dev/null 2>&1; then
    echo "build-image: base $BASE exists (docker rmi it to remake it)"
  else
    echo "build-image: making the base $BASE from $NODE_BIN (docker import)"
    ROOTFS="$WORK/rootfs"
    mkdir -p "$ROOTFS/usr/local/bin" "$ROOTFS/tmp" "$ROOTFS/etc"
    chmod 1777 "$ROOTFS/tmp"
    cp "$NODE_BIN" "$ROOTFS/usr/local/bin/node"
    ADDON=node_modules/better-sqlite3/build/Release/better_sqlite3.node
    # Every library node or the addon loads (ldd prints "name => /path (addr)" or "/path (addr)"), with its links.
    for lib in $( (ldd "$NODE_BIN"; [[ -f $ADDON ]] && ldd "$ADDON") | awk '/=> \// {print $3} /^[[:space:]]*\// {print $1}' | sort -u); do
      mkdir -p "$ROOTFS$(dirname "$lib")"
      cp -L "$lib" "$ROOTFS$lib"
    done
    # Name resolution (localhost), users (uid 1000 = node, as in the official images), CA certificates.
    printf 'root:x:0:0:root:/root:/usr/sbin/nologin\nnode:x:1000:1000:node:/home/node:/usr/sbin/nologin\n' >"$ROOTFS/etc/passwd"
    printf 'root:x:0:\nnode:x:1000:\n' >"$ROOTFS/etc/group"
    printf 'hosts: files dns\n' >"$ROOTFS/etc/nsswitch.conf"
    mkdir -p "$ROOTFS/home/node" && chown 1000:1000 "$ROOTFS/home/node"
    if [[ -f /etc/ssl/certs/ca-certificates.crt ]]; then
      mkdir -p "$ROOTFS/etc/ssl/certs"
      cp /etc/ssl/certs/ca-certificates.crt "$ROOTFS/etc/ssl/certs/"
    fi
    tar -C "$ROOTFS" -c . | docker import \
      --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' \
      --change 'ENV HOME=/home/node' \
      --change 'CMD ["node"]' \
      --message "qbd-sim offline base: node ${NODE_VERSION} from $(hostname)" \
      - "$BASE" >/dev/null
    rm -rf "$ROOTFS"
  fi
fi

if ((BUILD)); then
  echo "build-image: npm run build"
  npm run --silent build
fi
node ci/stage-image-context.mjs "$WORK/context"

echo "build-image: docker build --build-arg BASE_IMAGE=$BASE -t $TAG"
docker build --quiet -f ci/Dockerfile --build-arg "BASE_IMAGE=$BASE" -t "$TAG" "$WORK/context" >/dev/null

SIZE=$(docker image inspect "$TAG" --format '{{.Size}}')
BASE_SIZE=$(docker image inspect "$BASE" --format '{{.Size}}' 2>/dev/null || echo 0)
echo "build-image: built $TAG: $((SIZE / 1000000)) MB (base $BASE: $((BASE_SIZE / 1000000)) MB, qbd-sim layers: $(((SIZE - BASE_SIZE) / 1000000)) MB)"
