#!/usr/bin/env bash
# Builds the package and packs it as users get it from npm; prints the tarball's path.
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p .tmp/pack
npm run build >&2
rm -f .tmp/pack/*.tgz
npm pack --pack-destination .tmp/pack --silent >/dev/null
ls "$PWD"/.tmp/pack/*.tgz
