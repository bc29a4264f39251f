#!/usr/bin/env bash
# The README's test command: build, lint, typecheck, then every package's tests (one package at a
# time: the 2-core machines make parallel load tests flaky), then one closing summary line.
set -uo pipefail
cd "$(dirname "$0")/.."
rm -rf .data/test-tally
pnpm build || exit 1
pnpm lint || exit 1
pnpm typecheck || exit 1
pnpm -r --no-bail --workspace-concurrency=1 test
status=$?
node scripts/summary.mjs || status=1
exit $status
