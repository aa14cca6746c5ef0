#!/usr/bin/env bash
# `npm start`: a real n8n (pinned 2.x on Node 24, cached outside the repo) with this package installed
# as users install it, the workflow templates imported, and the Replicated API emulator beside it with
# a ready-to-use credential. Ctrl-C stops everything.  `npm start -- --fresh` starts from an empty n8n.
# `npm run start:queue` (--queue) runs the same in n8n's queue mode: PostgreSQL and Redis from
# Debian's packages, the main process, one webhook process and two workers (scripts/services/queue-mode.ts,
# which the reliability tests use too).
# For tests: START_STATE (the state folder, default .tmp/local) and PACKAGE_TGZ (a packed build to
# use instead of building one).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
QUEUE=0 FRESH_START=0
for arg in "$@"; do
	case "$arg" in
		--queue) QUEUE=1 ;;
		--fresh) FRESH_START=1 ;;
		*) echo "usage: start.sh [--queue] [--fresh]" >&2; exit 2 ;;
	esac
done
STATE="$ROOT/.tmp/local"
[ $QUEUE = 1 ] && STATE="$ROOT/.tmp/local-queue"
STATE=${START_STATE:-$STATE}
N8N_HOME="$STATE/n8n-home"
export N8N_PORT=${N8N_PORT:-5678}
EMULATOR_PORT=${EMULATOR_PORT:-5680}
[ $FRESH_START = 1 ] && rm -rf "$STATE"
mkdir -p "$STATE"
t0=$SECONDS
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "n8n and Node 24 (first run installs them into the cache, ~4-5 min; later runs reuse it)"
eval "$(bash scripts/n8n/ensure-n8n.sh)"

if [ -z "${PACKAGE_TGZ:-}" ]; then
	step "building and packing n8n-nodes-replicated"
	PACKAGE_TGZ=$(bash scripts/build/pack.sh 2>"$STATE/build.log") || { cat "$STATE/build.log"; exit 1; }
fi
export PACKAGE_TGZ

# A stable emulator token, so the imported credential keeps working across restarts.
[ -s "$STATE/emulator-token" ] || node -e 'console.log("emu_rw_" + require("crypto").randomBytes(12).toString("hex"))' > "$STATE/emulator-token"
EMULATOR_TOKEN=$(cat "$STATE/emulator-token")

pids=()
cleanup() {
	trap - INT TERM EXIT
	printf '\nstopping…\n'
	for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
	# Only n8n and the emulator: PostgreSQL and Redis stop after them.
	wait "${pids[@]}" 2>/dev/null || true
	if [ -n "${QUEUE_PID:-}" ]; then kill -TERM "$QUEUE_PID" 2>/dev/null || true; wait "$QUEUE_PID" 2>/dev/null || true; fi
	echo "stopped."
}
trap cleanup INT TERM EXIT

step "starting the Replicated API emulator on 127.0.0.1:$EMULATOR_PORT"
# Replicated refuses loopback webhook URLs; the local sandbox lifts that so automatic registration
# works against this n8n.
EMULATOR_PORT=$EMULATOR_PORT EMULATOR_TOKEN=$EMULATOR_TOKEN EMULATOR_ALLOW_PRIVATE_WEBHOOK_URLS=true setsid npx --no-install tsx test/emulator/main.ts > "$STATE/emulator.log" 2>&1 &
pids+=($!)
until grep -q "listening on" "$STATE/emulator.log" 2>/dev/null; do
	kill -0 "${pids[0]}" 2>/dev/null || { cat "$STATE/emulator.log"; exit 1; }
	sleep 0.2
done

# Named as n8n names a new Replicated credential, and as the templates refer to it: n8n resolves a
# template's credential by type and name when it imports it, so every Replicated node opens ready.
LOCAL_CREDENTIAL="Replicated account"
cat > "$STATE/credentials.json" <<JSON
[{"id":"replicatedLocalEmu","name":"$LOCAL_CREDENTIAL","type":"replicatedApi",
  "data":{"apiToken":"$EMULATOR_TOKEN","baseUrl":"http://127.0.0.1:$EMULATOR_PORT/vendor","allowPrivateWebhookUrls":true}}]
JSON
export IMPORT_CREDENTIALS="$STATE/credentials.json"
# Templates are imported once, into a new n8n, so later edits in the editor are kept.
IMPORT_WORKFLOWS="" LINK_CREDENTIALS=0
templates=$(find "$ROOT/workflows-templates" -name '*.json' | wc -l)
if [ ! -f "$N8N_HOME/.templates-imported" ]; then
	IMPORT_WORKFLOWS=$(find "$ROOT/workflows-templates" -name '*.json' | sort | tr '\n' ' ')
	imported="$templates imported from workflows-templates/ (this start: a new n8n)"
else
	imported="kept as they are in the editor (imported at the first start; \`npm start -- --fresh\` re-imports)"
	# Imported by a start that named the credential otherwise: those nodes never got one.
	[ -f "$N8N_HOME/.credentials-linked" ] || LINK_CREDENTIALS=1
fi
export IMPORT_WORKFLOWS LINK_CREDENTIALS N8N_HOME

if [ $QUEUE = 1 ]; then
	# Kept under $STATE until Ctrl-C; queue.env: their ports, the queue's environment, the processes.
	STATE=$STATE setsid node --import tsx scripts/services/queue-mode.ts > "$STATE/queue.log" 2>&1 &
	QUEUE_PID=$!
	until grep -q "queue services ready" "$STATE/queue.log" 2>/dev/null; do
		kill -0 "$QUEUE_PID" 2>/dev/null || { cat "$STATE/queue.log"; exit 1; }
		sleep 0.2
	done
	source "$STATE/queue.env"
	step "queue mode: PostgreSQL on 127.0.0.1:$PG_PORT and Redis on 127.0.0.1:$REDIS_PORT (Debian's packages)"
fi

step "starting n8n on 127.0.0.1:$N8N_PORT"
setsid bash scripts/n8n/n8n-up.sh > "$STATE/n8n.log" 2>&1 &
pids+=($!)
until grep -q "Editor is now accessible via" "$STATE/n8n.log" 2>/dev/null; do
	kill -0 "${pids[1]}" 2>/dev/null || { tail -40 "$STATE/n8n.log"; exit 1; }
	sleep 0.3
done
touch "$N8N_HOME/.templates-imported" "$N8N_HOME/.credentials-linked"

# start_process <log name> <ready marker> <env…>: another n8n process of the queue, same user folder.
start_process() {
	local name=$1 marker=$2; shift 2
	env "$@" setsid bash scripts/n8n/n8n-up.sh > "$STATE/$name.log" 2>&1 &
	pids+=($!)
	local pid=$!
	until grep -q "$marker" "$STATE/$name.log" 2>/dev/null; do
		kill -0 "$pid" 2>/dev/null || { tail -40 "$STATE/$name.log"; exit 1; }
		sleep 0.3
	done
}
if [ $QUEUE = 1 ]; then
	step "queue mode: webhook process on 127.0.0.1:$WEBHOOK_PORT and two workers"
	for process in "${QUEUE_PROCESSES[@]}"; do
		IFS='|' read -r name marker vars <<< "$process"
		# shellcheck disable=SC2086 # NAME=value words
		start_process "$name" "$marker" $vars
	done
fi
cat <<INFO

Ready in $((SECONDS - t0)) s.

  n8n editor           http://127.0.0.1:$N8N_PORT   (first visit: create the owner account)
  our nodes            Replicated + Replicated Trigger — search "Replicated" in the nodes panel
  credential           "$LOCAL_CREDENTIAL", pointed at the emulator; every template's Replicated nodes use it
  templates            $imported
  Replicated emulator  http://127.0.0.1:$EMULATOR_PORT/vendor   token: $EMULATOR_TOKEN
                       control API: http://127.0.0.1:$EMULATOR_PORT/_emulator/...
  send an event        npm run send-event -- instance.ready --emulator   (to the triggers it registered)
  logs                 ${STATE#"$ROOT/"}/*.log
INFO
if [ $QUEUE = 1 ]; then
	cat <<INFO
  queue mode           production webhooks: http://127.0.0.1:$WEBHOOK_PORT/webhook/…  (n8n webhook)
                       workers: 2 (n8n worker, concurrency 10)  database: PostgreSQL 127.0.0.1:$PG_PORT
                       queue: Redis 127.0.0.1:$REDIS_PORT  data: ${STATE#"$ROOT/"}/
INFO
fi
cat <<INFO

Press Ctrl-C to stop everything.
INFO
wait -n "${pids[@]}"
