#!/usr/bin/env bash
# `npm test` (all), `npm run test:unit`, `npm run test:e2e`, `npm run test:reliability`. Builds and packs the package first when
# the e2e tests need it, provides the cached n8n + Node 24, runs Jest, and ends with the plain
# summary line "tests: N passed, N failed[, N skipped]".
set -euo pipefail
cd "$(dirname "$0")/.."
SCOPE=${1:-all}
shift || true
eval "$(bash scripts/ensure-n8n.sh)"
export N8N_DIR NODE24_BIN
if [ "$SCOPE" != unit ]; then
	export PACKAGE_TGZ
	PACKAGE_TGZ=$(bash scripts/pack.sh)
fi
case "$SCOPE" in
	unit) projects=(--selectProjects unit) ;;
	e2e) projects=(--selectProjects e2e) ;;
	reliability) projects=(--selectProjects reliability) ;;
	*) projects=() ;;
esac
mkdir -p .tmp
status=0
npx jest "${projects[@]}" --json --outputFile=.tmp/jest-results.json "$@" || status=$?
node -e '
	const r = require("./.tmp/jest-results.json");
	const failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
	const skipped = r.numPendingTests + r.numTodoTests;
	console.log(`tests: ${r.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
	if (r.numTotalTests === 0) { console.error("no tests ran"); process.exit(1); }
' || status=1
exit $status
