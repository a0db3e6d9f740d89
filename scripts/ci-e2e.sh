#!/usr/bin/env bash
# End-to-end tests against a real n8n, for CI or a clean machine, after `npm ci`:
#   bash scripts/ci-e2e.sh            (E2E_N8N=1 for the n8n 1.123.x compatibility run)
# 1. the runtime: Debian's chromium (apt, as root), Node 24 and n8n in ~/.cache/n8n-nodes-cinetpay
#    (first run ≈ 6 min, later runs a second; see e2e/runtime.ts),
# 2. jest with jest.e2e.config.js, whose global setup builds the package once,
# 3. a closing "e2e: N passed, N failed" line, and the wall time.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

npx tsx e2e/runtime.ts --n8n "${E2E_N8N:-2}" --chromium >/dev/null

mkdir -p e2e/artifacts
results=e2e/artifacts/jest-results.json
rm -f "$results"
status=0
npx jest -c jest.e2e.config.js --runInBand --json --outputFile="$results" || status=$?

if [ -f "$results" ]; then
	node -e '
		const r = require(require("path").resolve(process.argv[1]));
		const skipped = r.numPendingTests + r.numTodoTests;
		console.log(`e2e: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
		if (r.numTotalTests === 0) { console.error("e2e: no test ran"); process.exit(1); }
	' "$results" || status=1
fi
echo "e2e wall time: $(( $(date +%s) - start )) s (logs and screenshots in e2e/artifacts/)"
exit $status
