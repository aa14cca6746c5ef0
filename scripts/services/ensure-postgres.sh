#!/usr/bin/env bash
# Provides PostgreSQL's server binaries from Debian's packages (installed on first use) and prints
# their directory, e.g. /usr/lib/postgresql/15/bin. The tests start their own throwaway cluster
# on a loopback port with it (scripts/services/postgres.ts); nothing is started here.
set -euo pipefail
find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
BIN=$(find_bin)
if [ -z "$BIN" ] || [ ! -x "$BIN/postgres" ]; then
	echo "[ensure-postgres] installing Debian's postgresql (first run only)" >&2
	SUDO=; [ "$(id -u)" -ne 0 ] && SUDO=sudo
	$SUDO apt-get install -y --no-install-recommends postgresql >&2 || {
		$SUDO apt-get update >&2 && $SUDO apt-get install -y --no-install-recommends postgresql >&2
	}
	BIN=$(find_bin)
fi
[ -x "$BIN/postgres" ] || { echo "[ensure-postgres] no PostgreSQL server found after install" >&2; exit 1; }
echo "$BIN"
