#!/usr/bin/env bash
# `npm run bench [-- section …]`: provides the cached n8n + Node 24 and the packed package (the
# real-n8n sections load it as users install it), then runs bench/run.ts.
set -euo pipefail
cd "$(dirname "$0")/../.."
eval "$(bash scripts/n8n/ensure-n8n.sh)"
export N8N_DIR NODE24_BIN
PACKAGE_TGZ=$(bash scripts/build/pack.sh)
export PACKAGE_TGZ
exec npx --no-install tsx bench/run.ts "$@"
