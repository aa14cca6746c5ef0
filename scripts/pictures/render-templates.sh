#!/usr/bin/env bash
# `npm run templates:pictures`: renders each workflow template as it appears in the n8n editor
# (the pinned n8n, headless Chromium from Debian's packages) into workflows-templates/<crm>/<slug>.png.
set -euo pipefail
cd "$(dirname "$0")/../.."
CHROMIUM=$(bash scripts/services/ensure-chromium.sh)
export CHROMIUM
eval "$(bash scripts/n8n/ensure-n8n.sh)"
export N8N_DIR NODE24_BIN
PACKAGE_TGZ=$(bash scripts/build/pack.sh)
export PACKAGE_TGZ
exec npx --no-install tsx scripts/templates/render.ts "$@"
