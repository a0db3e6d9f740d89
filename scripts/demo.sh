#!/usr/bin/env bash
# `npm run demo` on a fresh clone: install the project first when it is not (the demo itself is
# TypeScript run by tsx, a devDependency), then hand over to scripts/demo.ts, which installs the
# n8n runtime it needs and stops everything on Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x node_modules/.bin/tsx ]; then
	npm_config_yes=true npm ci --no-audit --no-fund
fi
exec node_modules/.bin/tsx scripts/demo.ts "$@"
