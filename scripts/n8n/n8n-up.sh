#!/usr/bin/env bash
# Prepares an n8n user folder with this package installed exactly as users install it (a packed
# tarball in ~/.n8n/nodes, so node types are `n8n-nodes-replicated.*`), imports credentials and
# workflows, publishes the workflows marked active, then runs `n8n start` in the foreground.
# Shared by `npm start`, `npm run start:queue` and the end-to-end tests, so all exercise one path.
#
# Environment:
#   N8N_HOME            user folder (n8n keeps its data in $N8N_HOME/.n8n)        [required]
#   PACKAGE_TGZ         packed n8n-nodes-replicated tarball                          [required]
#                       (empty: install nothing; n8n installs it, e.g. from the Community Nodes panel)
#   N8N_PORT            HTTP port (default 5678); the task broker uses N8N_PORT+1
#   IMPORT_CREDENTIALS  JSON file of credentials to import (optional)
#   IMPORT_WORKFLOWS    whitespace-separated workflow JSON files to import (optional)
#   LINK_CREDENTIALS=1  point workflows imported earlier, whose credential reference n8n could not
#                       resolve then, at IMPORT_CREDENTIALS of the same type (scripts/n8n/link-credentials.mjs)
#   REREGISTER_TRIGGER  a node type: the published workflows holding it register their webhooks anew
#                       at start (SQLite; scripts/n8n/reregister-rows.mjs), for a vendor that forgot
#                       them (`npm start`'s emulator keeps its subscriptions in memory)
#   FRESH=1             wipe N8N_HOME first
#   N8N_COMMAND         start (default), webhook or worker: queue mode's processes share N8N_HOME
#                       and the database (DB_TYPE=postgresdb, DB_POSTGRESDB_*, EXECUTIONS_MODE=queue);
#                       none: prepare the user folder and exit
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
: "${N8N_HOME:?set N8N_HOME}" "${PACKAGE_TGZ?set PACKAGE_TGZ}"
eval "$(bash "$HERE/ensure-n8n.sh")"
export PATH="$NODE24_BIN:$PATH" npm_config_nodedir="$(dirname "$NODE24_BIN")"
N8N="$N8N_DIR/node_modules/.bin/n8n"
log() { echo "[n8n-up] $*" >&2; }

[ "${FRESH:-0}" = 1 ] && rm -rf "$N8N_HOME"
mkdir -p "$N8N_HOME/.n8n/nodes"
export N8N_USER_FOLDER="$N8N_HOME"
export N8N_PORT=${N8N_PORT:-5678}
export N8N_LISTEN_ADDRESS=127.0.0.1 N8N_HOST=127.0.0.1 N8N_PROTOCOL=http
export N8N_RUNNERS_BROKER_PORT=${N8N_RUNNERS_BROKER_PORT:-$((N8N_PORT + 1))}
export N8N_ENCRYPTION_KEY=${N8N_ENCRYPTION_KEY:-n8n-nodes-replicated-local-key-0123456789}
export N8N_DIAGNOSTICS_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false
export N8N_TEMPLATES_ENABLED=false N8N_PERSONALIZATION_ENABLED=false
export N8N_SECURE_COOKIE=false N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=false
export DB_TYPE=${DB_TYPE:-sqlite} N8N_LOG_LEVEL=${N8N_LOG_LEVEL:-info}
export N8N_COMMUNITY_PACKAGES_ENABLED=true N8N_UNVERIFIED_PACKAGES_ENABLED=true
# n8n 2.x's default; n8n 1.x keeps binary data in memory ("default"), where its Webhook node answers a
# file as JSON ({"type":"Buffer",…}) and a large export takes its size in heap.
export N8N_DEFAULT_BINARY_DATA_MODE=${N8N_DEFAULT_BINARY_DATA_MODE:-filesystem}

# Installed as n8n 2.x's Community Nodes panel installs a package (CommunityPackagesService
# .downloadPackage): the tarball unpacked into nodes/node_modules/<name>, its package.json without
# peer, dev and optional dependencies, then `npm install` of what is left (nothing: zod is bundled).
# So npm never resolves the n8n-workflow peer: a plain `npm install <tgz>` fetched its whole tree's
# metadata from the registry on every start (~8 s), and once hung a CI run until npm's 5-minute
# fetch timeout. Skipped when this exact tarball is already installed (npm pack is reproducible).
sum=$([ -z "$PACKAGE_TGZ" ] || sha256sum "$PACKAGE_TGZ" | cut -d' ' -f1)
if [ -z "$PACKAGE_TGZ" ]; then
	log "no package installed from a tarball (PACKAGE_TGZ is empty)"
elif [ "$(cat "$N8N_HOME/.n8n/nodes/.installed-sha256" 2>/dev/null)" != "$sum" ]; then
	log "installing $(basename "$PACKAGE_TGZ") into $N8N_HOME/.n8n/nodes"
	node "$HERE/install-package.mjs" "$PACKAGE_TGZ" "$N8N_HOME/.n8n/nodes" >&2
	echo "$sum" > "$N8N_HOME/.n8n/nodes/.installed-sha256"
else
	log "$(basename "$PACKAGE_TGZ") already installed (same build)"
fi

# A new SQLite database starts as a copy of one migrated before, kept beside the n8n install (per
# encryption key, in case a migration ever encrypts): migrating takes ~10 s of the first CLI call or
# start, and every e2e file starts new n8n instances.
if [ "$DB_TYPE" = sqlite ] && [ ! -e "$N8N_HOME/.n8n/database.sqlite" ]; then
	seed="$N8N_DIR/migrated-$(printf %s "$N8N_ENCRYPTION_KEY" | sha256sum | cut -c1-16).sqlite"
	if [ ! -f "$seed" ]; then
		log "migrating a new database once for this n8n install"
		fresh=$(mktemp -d)
		N8N_USER_FOLDER="$fresh" "$N8N" list:workflow > "$fresh/migrate.log" 2>&1 ||
			{ cat "$fresh/migrate.log" >&2; exit 1; }
		node "$HERE/seed-database.mjs" "$N8N_DIR" "$fresh/.n8n/database.sqlite" "$seed.$$"
		mv "$seed.$$" "$seed" # atomic: parallel starts each make one, the last rename wins
		rm -rf "$fresh"
	fi
	cp "$seed" "$N8N_HOME/.n8n/database.sqlite"
fi

# The CLI talks to the database directly, so these run before `n8n start`.
if [ -n "${IMPORT_CREDENTIALS:-}" ]; then
	log "importing credentials from $IMPORT_CREDENTIALS"
	"$N8N" import:credentials --input="$IMPORT_CREDENTIALS" >&2
fi
# publish_one <id>: n8n 2.x publishes; n8n 1.x has no publish:workflow and activates instead.
if [ -f "$N8N_DIR/node_modules/n8n/dist/commands/publish/workflow.js" ]; then
	publish_one() { "$N8N" publish:workflow --id="$1" >&2; }
else
	publish_one() { "$N8N" update:workflow --id="$1" --active=true >&2; }
fi
# publish_ids <id>…: on SQLite what publish:workflow writes, in one go (publish-rows.mjs); where
# that does not apply (n8n 1.x, PostgreSQL), one CLI call each.
publish_ids() {
	[ $# -gt 0 ] || return 0
	if [ "$DB_TYPE" = sqlite ]; then
		local rc=0
		node "$HERE/publish-rows.mjs" "$N8N_DIR" "$N8N_HOME/.n8n/database.sqlite" "$@" >/dev/null || rc=$?
		[ $rc = 0 ] && { log "published $# workflow(s)"; return 0; }
		[ $rc = 3 ] || exit $rc
	fi
	for id in "$@"; do publish_one "$id"; done
}
# publish <workflow file>…: publishes (activates) the workflows the files mark active.
publish() {
	# shellcheck disable=SC2046 # workflow IDs
	publish_ids $(node -e '
		for (const file of process.argv.slice(1)) {
			const d = JSON.parse(require("fs").readFileSync(file, "utf8"));
			for (const w of Array.isArray(d) ? d : [d]) if (w.active) console.log(w.id);
		}' "$@")
}
# Publishing needs each version's history row, which n8n 2.0.x's import does not write.
history_rows() {
	[ "$DB_TYPE" = sqlite ] || return 0
	added=$(node "$HERE/history-rows.mjs" "$N8N_DIR" "$N8N_HOME/.n8n/database.sqlite")
	[ "$added" = 0 ] || log "wrote the workflow history of $added imported workflow(s)"
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -n "${IMPORT_WORKFLOWS:-}" ]; then
	# A few batches, not one CLI call (~8 s each) per workflow; one on SQLite, the tags made first.
	created_tags=""
	# shellcheck disable=SC2086 # a list of paths
	[ "$DB_TYPE" != sqlite ] || created_tags=$(node "$HERE/tag-rows.mjs" "$N8N_DIR" "$N8N_HOME/.n8n/database.sqlite" $IMPORT_WORKFLOWS)
	# shellcheck disable=SC2086 # a list of paths
	batches=$(CREATED_TAGS=$created_tags node "$HERE/import-batches.mjs" "$work/batches" $IMPORT_WORKFLOWS)
	log "importing $(echo $IMPORT_WORKFLOWS | wc -w) workflow file(s) in $(echo "$batches" | wc -l) batch(es)"
	for batch in $batches; do "$N8N" import:workflow --input="$batch" >&2; done
	history_rows
	# shellcheck disable=SC2086
	publish $IMPORT_WORKFLOWS
fi
if [ "${LINK_CREDENTIALS:-0}" = 1 ] && [ -n "${IMPORT_CREDENTIALS:-}" ]; then
	"$N8N" export:workflow --all --output="$work/exported.json" >&2 || echo '[]' > "$work/exported.json"
	read -r linked active <<< "$(node "$HERE/link-credentials.mjs" "$work/exported.json" "$IMPORT_CREDENTIALS" "$work/linked.json")"
	log "linked the imported credentials into $linked workflow(s) imported before"
	if [ "$linked" -gt 0 ]; then
		"$N8N" import:workflow --input="$work/linked.json" >&2
		history_rows
		# Importing deactivates: publish again what was active.
		# shellcheck disable=SC2086 # workflow IDs
		publish_ids ${active:-}
	fi
fi

if [ -n "${REREGISTER_TRIGGER:-}" ] && [ "$DB_TYPE" = sqlite ]; then
	rc=0
	again=$(node "$HERE/reregister-rows.mjs" "$N8N_DIR" "$N8N_HOME/.n8n/database.sqlite" "$REREGISTER_TRIGGER") || rc=$?
	case $rc in
		0) log "$again published workflow(s) with $REREGISTER_TRIGGER register their webhooks anew" ;;
		3) log "REREGISTER_TRIGGER: no publication tables in this n8n's database; left as it is" ;;
		*) exit $rc ;;
	esac
fi

case "${N8N_COMMAND:=start}" in
	none) exit 0 ;;
	start | webhook) log "starting n8n $N8N_COMMAND on http://127.0.0.1:$N8N_PORT" ;;
	worker) log "starting n8n worker" ;;
	*) log "N8N_COMMAND must be start, webhook or worker"; exit 2 ;;
esac
rm -rf "$work"
trap - EXIT
exec "$N8N" "$N8N_COMMAND" ${N8N_WORKER_CONCURRENCY:+--concurrency=$N8N_WORKER_CONCURRENCY}
