#!/usr/bin/env bash
# Provides Chromium from Debian's packages (installed on first use) and prints its path. The
# template pictures and the editor checks drive it headless through playwright-core.
set -euo pipefail
BIN=${CHROMIUM:-$(command -v chromium || true)}
if [ -z "$BIN" ]; then
	echo "[ensure-chromium] installing Debian's chromium (first run only)" >&2
	SUDO=; [ "$(id -u)" -ne 0 ] && SUDO=sudo
	$SUDO apt-get install -y --no-install-recommends chromium >&2 || {
		$SUDO apt-get update >&2 && $SUDO apt-get install -y --no-install-recommends chromium >&2
	}
	BIN=$(command -v chromium)
fi
[ -x "$BIN" ] || { echo "[ensure-chromium] no chromium found after install" >&2; exit 1; }
echo "$BIN"
