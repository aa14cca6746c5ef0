#!/usr/bin/env bash
# Provides Redis from Debian's packages (installed on first use) and prints the path of
# redis-server. Queue mode (npm run start:queue, the reliability tests) starts its own instance on a
# loopback port with it; nothing is started here.
set -euo pipefail
BIN=$(command -v redis-server || true)
if [ -z "$BIN" ]; then
	echo "[ensure-redis] installing Debian's redis-server (first run only)" >&2
	SUDO=; [ "$(id -u)" -ne 0 ] && SUDO=sudo
	$SUDO apt-get install -y --no-install-recommends redis-server >&2 || {
		$SUDO apt-get update >&2 && $SUDO apt-get install -y --no-install-recommends redis-server >&2
	}
	BIN=$(command -v redis-server || true)
fi
[ -x "$BIN" ] || { echo "[ensure-redis] no redis-server found after install" >&2; exit 1; }
echo "$BIN"
