#!/usr/bin/env bash
# `npm start`: a real n8n (pinned 2.x on Node 24, cached outside the repo) with this package installed
# as users install it, the workflow templates imported, and the Replicated API emulator beside it,
# seeded with a demo fleet. Alive on start, no click needed: the credentials the templates need exist
# with local stand-ins (Replicated: the emulator; "Dashboard login"; "SMTP account": a mail sink;
# "Slack account": a Slack fake; both browsable on the inbox page), every Replicated node has the
# emulator's app, and the templates that need nothing else are published (the customer health
# dashboard, the health alerts) with a sandbox-only events log. Ctrl-C stops everything.
# `npm start -- --fresh` starts from an empty n8n.
# `npm run start:queue` (--queue) runs the same in n8n's queue mode: PostgreSQL and Redis from
# Debian's packages, the main process, one webhook process and two workers (scripts/services/queue-mode.ts,
# which the reliability tests use too).
# For tests: START_STATE (the state folder, default .tmp/local), PACKAGE_TGZ (a packed build to
# use instead of building one), N8N_PORT, EMULATOR_PORT, INBOX_PORT, SMTP_PORT, PROXY_PORT.
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
INBOX_PORT=${INBOX_PORT:-5681} SMTP_PORT=${SMTP_PORT:-5683} PROXY_PORT=${PROXY_PORT:-5684}
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

# Kept in the state folder, so the imported credentials and a browser's saved login keep working.
EMULATOR_TOKEN=$(node scripts/local/secret.mjs "$STATE/emulator-token" emu_rw_)
DASHBOARD_USER=sandbox
DASHBOARD_PASSWORD=$(node scripts/local/secret.mjs "$STATE/dashboard-password" "")
SLACK_TOKEN=$(node scripts/local/secret.mjs "$STATE/slack-token" xoxb-sandbox-)

pids=()
cleanup() {
	trap - INT TERM EXIT
	printf '\nstopping…\n'
	for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
	# Only n8n, the emulator and the fakes: PostgreSQL and Redis stop after them.
	wait "${pids[@]}" 2>/dev/null || true
	if [ -n "${QUEUE_PID:-}" ]; then kill -TERM "$QUEUE_PID" 2>/dev/null || true; wait "$QUEUE_PID" 2>/dev/null || true; fi
	echo "stopped."
}
trap cleanup INT TERM EXIT
# wait_for <pid> <log> <marker>: until the process logs the marker; its log and exit 1 if it dies.
wait_for() {
	until grep -q "$3" "$2" 2>/dev/null; do
		kill -0 "$1" 2>/dev/null || { tail -40 "$2"; exit 1; }
		sleep 0.2
	done
}

step "starting the Replicated API emulator (demo fleet) and the mail and Slack stand-ins"
# Replicated refuses loopback webhook URLs; the local sandbox lifts that so automatic registration
# works against this n8n.
EMULATOR_PORT=$EMULATOR_PORT EMULATOR_TOKEN=$EMULATOR_TOKEN EMULATOR_SEED=demo EMULATOR_ALLOW_PRIVATE_WEBHOOK_URLS=true setsid npx --no-install tsx test/emulator/main.ts > "$STATE/emulator.log" 2>&1 &
pids+=($!)
emulator_pid=$!
SLACK_TOKEN=$SLACK_TOKEN SMTP_PORT=$SMTP_PORT PROXY_PORT=$PROXY_PORT INBOX_PORT=$INBOX_PORT \
	setsid node --import tsx scripts/local/sandbox-fakes.ts "$STATE" > "$STATE/fakes.log" 2>&1 &
pids+=($!)
fakes_pid=$!
wait_for $emulator_pid "$STATE/emulator.log" "listening on"

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

# Templates are imported once, into a new n8n, so later edits in the editor are kept: copies with the
# emulator's app filled in, the self-contained ones marked for publishing, plus the events log.
IMPORT_WORKFLOWS="" LINK_CREDENTIALS=0
templates=$(find "$ROOT/workflows-templates" -name '*.json' | wc -l)
if [ ! -f "$N8N_HOME/.templates-imported" ]; then
	rm -rf "$STATE/workflows"
	IMPORT_WORKFLOWS=$(EMULATOR_TOKEN=$EMULATOR_TOKEN node --import tsx scripts/local/sandbox-workflows.ts \
		"$STATE/workflows" "http://127.0.0.1:$EMULATOR_PORT/vendor" | tr '\n' ' ')
	imported="$templates imported from workflows-templates/ (this start: a new n8n)"
else
	imported="kept as they are in the editor (imported at the first start; \`npm start -- --fresh\` re-imports)"
	# Imported by a start that named the credentials otherwise: those nodes never got them.
	[ -f "$N8N_HOME/.credentials-linked" ] || LINK_CREDENTIALS=1
fi

# Named as the templates refer to them: n8n resolves a template's credential by type and name when
# it imports it, so every node opens ready. Imported on every start (same IDs: updated, not added).
EMULATOR_PORT=$EMULATOR_PORT EMULATOR_TOKEN=$EMULATOR_TOKEN DASHBOARD_USER=$DASHBOARD_USER \
	DASHBOARD_PASSWORD=$DASHBOARD_PASSWORD SMTP_PORT=$SMTP_PORT SLACK_TOKEN=$SLACK_TOKEN \
	node scripts/local/sandbox-credentials.mjs "$STATE/credentials.json"
export IMPORT_CREDENTIALS="$STATE/credentials.json"
# The emulator is new on every start and knows no subscription: the triggers register again.
REREGISTER_TRIGGER=n8n-nodes-replicated.replicatedTrigger
export IMPORT_WORKFLOWS LINK_CREDENTIALS N8N_HOME REREGISTER_TRIGGER

step "preparing n8n: credentials, templates, publishing (while the stand-ins start)"
N8N_COMMAND=none bash scripts/n8n/n8n-up.sh > "$STATE/n8n.log" 2>&1 || { tail -40 "$STATE/n8n.log"; exit 1; }
wait_for $fakes_pid "$STATE/fakes.log" "sandbox fakes ready"

# n8n's Slack node calls https://slack.com/api: n8n's outbound HTTPS goes through the fakes' proxy,
# which intercepts slack.com only (every other host is tunnelled untouched) with a CA n8n is given.
export HTTPS_PROXY=http://127.0.0.1:$PROXY_PORT NO_PROXY=127.0.0.1,localhost NODE_EXTRA_CA_CERTS=$STATE/ca.pem
step "starting n8n on 127.0.0.1:$N8N_PORT"
IMPORT_CREDENTIALS="" IMPORT_WORKFLOWS="" LINK_CREDENTIALS=0 REREGISTER_TRIGGER="" \
	setsid bash scripts/n8n/n8n-up.sh >> "$STATE/n8n.log" 2>&1 &
pids+=($!)
wait_for $! "$STATE/n8n.log" "Editor is now accessible via"
# n8n-up.sh counted the published workflows holding a Replicated Trigger.
triggers=$(sed -n 's/^\[n8n-up\] \([0-9]*\) published workflow(s) with .* register .*/\1/p' "$STATE/n8n.log")
if [ -n "$triggers" ] && [ "$triggers" -gt 0 ]; then
	step "waiting for the $triggers published Replicated Triggers to register with the emulator"
	EMULATOR_TOKEN=$EMULATOR_TOKEN node scripts/local/wait-subscriptions.mjs "http://127.0.0.1:$EMULATOR_PORT/vendor" "$triggers" 60
fi
touch "$N8N_HOME/.templates-imported" "$N8N_HOME/.credentials-linked"

# start_process <log name> <ready marker> <env…>: another n8n process of the queue, same user folder.
start_process() {
	local name=$1 marker=$2; shift 2
	env "$@" setsid bash scripts/n8n/n8n-up.sh > "$STATE/$name.log" 2>&1 &
	pids+=($!)
	wait_for $! "$STATE/$name.log" "$marker"
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
  dashboard            http://127.0.0.1:$N8N_PORT/webhook/replicated-health   login: $DASHBOARD_USER / $DASHBOARD_PASSWORD
  inbox                http://127.0.0.1:$INBOX_PORT   what the workflows mailed (SMTP sink) and posted to Slack (fake)
  credentials          "Replicated account" (the emulator), "Dashboard login", "SMTP account", "Slack account"
  templates            $imported
                       published: the customer health dashboard, the health alerts, "Sandbox: events log"
  Replicated emulator  http://127.0.0.1:$EMULATOR_PORT/vendor   token: $EMULATOR_TOKEN
                       control API: http://127.0.0.1:$EMULATOR_PORT/_emulator/...
  send an event        npm run send-event -- instance.ready --emulator   (the events log's Executions show it)
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
