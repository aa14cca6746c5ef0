#!/usr/bin/env bash
# Provides verdaccio (a maintained npm registry server, from npm) for the install tests, cached
# outside the repo and keyed by version like n8n (first run ~20 s). Prints VERDACCIO_BIN=… (its
# launcher; verdaccio 6 wants Node ≥ 22, so callers run it with the Node 24 of ensure-n8n.sh).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
VERSION=$(node -p "require('$HERE/../../package.json').config.verdaccioVersion")
CACHE_ROOT=${N8N_NODES_REPLICATED_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-replicated}
DIR="$CACHE_ROOT/verdaccio-$VERSION"
log() { echo "[ensure-verdaccio] $*" >&2; }
mkdir -p "$CACHE_ROOT"
# shellcheck source=cache-install.sh
. "$HERE/cache-install.sh"
# --ignore-scripts: no install script is needed to serve packages; --engine-strict=false: installed
# with the system's Node, run with Node 24.
install_into "$DIR" "verdaccio $VERSION" \
  npm install "verdaccio@$VERSION" --no-audit --no-fund --ignore-scripts --loglevel=error --no-save --engine-strict=false
echo "VERDACCIO_BIN='$DIR/node_modules/verdaccio/bin/verdaccio'"
