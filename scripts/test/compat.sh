#!/usr/bin/env bash
# `npm run test:compat`: the foundation, trigger and action-node end-to-end tests against each n8n
# of the supported range (package.json "config.compat": "<n8n>@<Node>"), each on the Node it
# requires, installed and cached like the pinned one. Writes .tmp/compat.json and the README's table.
# `npm test` stays on the pinned version. Extra arguments select test files.
set -uo pipefail
cd "$(dirname "$0")/../.."
mapfile -t PAIRS < <(node -p "require('./package.json').config.compat.join('\n')")
FILES=("$@")
[ ${#FILES[@]} -gt 0 ] || FILES=(test/e2e/foundation.test.ts test/e2e/trigger.test.ts test/e2e/action-node.test.ts)
mkdir -p .tmp
results=()
for pair in "${PAIRS[@]}"; do
	n8n=${pair%@*} node=${pair#*@}
	echo "[compat] n8n $n8n on Node $node: ${FILES[*]}" >&2
	start=$SECONDS
	N8N_VERSION=$n8n NODE24_VERSION=$node bash scripts/test/test.sh e2e "${FILES[@]}" > ".tmp/compat-$n8n.log" 2>&1
	status=$?
	summary=$(grep -E '^tests: ' ".tmp/compat-$n8n.log" | tail -1)
	echo "[compat] n8n $n8n: ${summary:-no summary (see .tmp/compat-$n8n.log)} in $((SECONDS - start)) s" >&2
	results+=("{\"n8n\":\"$n8n\",\"node\":\"$node\",\"passed\":$([ $status -eq 0 ] && echo true || echo false),\"summary\":\"${summary#tests: }\",\"seconds\":$((SECONDS - start))}")
done
(IFS=,; echo "[${results[*]}]") > .tmp/compat.json
node scripts/test/compat-table.mjs
