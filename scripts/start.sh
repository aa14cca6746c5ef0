#!/usr/bin/env bash
# `npm start`: a real n8n (pinned 2.x on Node 24, cached outside the repo) with this package installed
# as users install it, the workflow templates imported, and the Replicated API emulator beside it with
# a ready-to-use credential. Ctrl-C stops both.  `npm start -- --fresh` starts from an empty n8n.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
STATE="$ROOT/.tmp/local"
N8N_HOME="$STATE/n8n-home"
export N8N_PORT=${N8N_PORT:-5678}
EMULATOR_PORT=${EMULATOR_PORT:-5680}
[ "${1:-}" = --fresh ] && rm -rf "$STATE"
mkdir -p "$STATE"
t0=$SECONDS
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "n8n and Node 24 (first run installs them into the cache, ~4-5 min; later runs reuse it)"
eval "$(bash scripts/ensure-n8n.sh)"

step "building and packing n8n-nodes-replicated"
PACKAGE_TGZ=$(bash scripts/pack.sh 2>"$STATE/build.log") || { cat "$STATE/build.log"; exit 1; }
export PACKAGE_TGZ

# A stable emulator token, so the imported credential keeps working across restarts.
[ -s "$STATE/emulator-token" ] || node -e 'console.log("emu_rw_" + require("crypto").randomBytes(12).toString("hex"))' > "$STATE/emulator-token"
EMULATOR_TOKEN=$(cat "$STATE/emulator-token")

pids=()
cleanup() {
	trap - INT TERM EXIT
	printf '\nstopping…\n'
	for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
	wait 2>/dev/null || true
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

cat > "$STATE/credentials.json" <<JSON
[{"id":"replicatedLocalEmu","name":"Replicated (local emulator)","type":"replicatedApi",
  "data":{"apiToken":"$EMULATOR_TOKEN","baseUrl":"http://127.0.0.1:$EMULATOR_PORT/vendor"}}]
JSON
export IMPORT_CREDENTIALS="$STATE/credentials.json"
# Templates are imported once, into a new n8n, so later edits in the editor are kept.
IMPORT_WORKFLOWS=""
if [ ! -f "$N8N_HOME/.templates-imported" ]; then
	IMPORT_WORKFLOWS=$(find "$ROOT/workflows-templates" -name '*.json' | sort | tr '\n' ' ')
fi
export IMPORT_WORKFLOWS N8N_HOME

step "starting n8n on 127.0.0.1:$N8N_PORT"
setsid bash scripts/n8n-up.sh > "$STATE/n8n.log" 2>&1 &
pids+=($!)
until grep -q "Editor is now accessible via" "$STATE/n8n.log" 2>/dev/null; do
	kill -0 "${pids[1]}" 2>/dev/null || { tail -40 "$STATE/n8n.log"; exit 1; }
	sleep 0.3
done
touch "$N8N_HOME/.templates-imported"
templates=$(find "$ROOT/workflows-templates" -name '*.json' | wc -l)

cat <<INFO

Ready in $((SECONDS - t0)) s.

  n8n editor           http://127.0.0.1:$N8N_PORT   (first visit: create the owner account)
  our nodes            Replicated + Replicated Trigger — search "Replicated" in the nodes panel
  credential           "Replicated (local emulator)", already pointed at the emulator
  templates            $templates imported from workflows-templates/ (first start only)
  Replicated emulator  http://127.0.0.1:$EMULATOR_PORT/vendor   token: $EMULATOR_TOKEN
                       control API: http://127.0.0.1:$EMULATOR_PORT/_emulator/...
  send an event        npm run send-event -- instance.ready --emulator   (to the triggers it registered)
  logs                 .tmp/local/n8n.log, .tmp/local/emulator.log

Press Ctrl-C to stop both.
INFO
wait -n "${pids[@]}"
