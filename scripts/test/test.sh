#!/usr/bin/env bash
# `npm test` (all), `npm run test:unit`, `npm run test:e2e`, `npm run test:install`,
# `npm run test:reliability`. Builds and packs the package first when
# the e2e tests need it, provides the cached n8n + Node 24, runs Jest, and ends with the plain
# summary line "tests: N passed, N failed[, N skipped]".
set -euo pipefail
cd "$(dirname "$0")/../.."
SCOPE=${1:-all}
shift || true
eval "$(bash scripts/n8n/ensure-n8n.sh)"
export N8N_DIR NODE24_BIN
if [ "$SCOPE" != unit ] && [ -z "${PACKAGE_TGZ:-}" ]; then
	# A tarball packed from this checkout earlier in the same run (.ci/run's lint) may be passed in.
	export PACKAGE_TGZ
	PACKAGE_TGZ=$(bash scripts/build/pack.sh)
fi
mkdir -p .tmp ${E2E_LOG_DIR:+"$E2E_LOG_DIR"}
# Every file starts its own servers on free loopback ports. The e2e files spend most of their time
# waiting on a real n8n (polls, retries, timers), so they run two at a time: about half the time.
# The install files each run n8n (up to four processes) installing from a local registry: two at once.
# The reliability files measure n8n in queue mode under load and faults: they get the machine to
# themselves, one at a time (beside other load, a worker's restart outlasted the delivery timeouts).
runs=()
case "$SCOPE" in
	unit) runs=("unit:--maxWorkers=2") ;;
	e2e) runs=("e2e:--maxWorkers=2") ;;
	install) runs=("install:--maxWorkers=2") ;;
	reliability) runs=("reliability:--maxWorkers=1") ;;
	*) runs=("unit:--maxWorkers=2" "e2e:--maxWorkers=2" "install:--maxWorkers=2" "reliability:--maxWorkers=1") ;;
esac
status=0
results=()
for run in "${runs[@]}"; do
	read -r -a selected <<< "${run%%:*}"
	out=".tmp/jest-results-${selected[0]}.json"
	results+=("$out")
	npx jest --selectProjects "${selected[@]}" "${run#*:}" --passWithNoTests --json --outputFile="$out" "$@" || status=$?
done
node -e '
	const runs = process.argv.slice(1).map((f) => require("./" + f));
	const sum = (k) => runs.reduce((n, r) => n + r[k], 0);
	const failed = sum("numFailedTests") + sum("numRuntimeErrorTestSuites");
	const skipped = sum("numPendingTests") + sum("numTodoTests");
	console.log(`tests: ${sum("numPassedTests")} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
	if (sum("numTotalTests") === 0) { console.error("no tests ran"); process.exit(1); }
' "${results[@]}" || status=1
exit $status
