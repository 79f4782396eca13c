#!/usr/bin/env bash
# End-to-end tests: the built extension in headless Chromium and Firefox ESR (puppeteer-core).
#
#   tests/e2e/run.sh                       every *.test.mjs here (a few minutes)
#   tests/e2e/run.sh fixtures.test.mjs     some of them
#   LEDE_BROWSERS=chromium tests/e2e/run.sh
#   LEDE_AEB_LIMIT=20 tests/e2e/run.sh aeb.test.mjs
#
# setup.sh installs and builds what is missing; then node's test runner runs the files one at
# a time (each launches its own browsers; two at once would fight over two cores).
set -euo pipefail
source "$(dirname "$0")/setup.sh"
cd "$E2E"
if [ $# -gt 0 ]; then files=("$@"); else files=(*.test.mjs); fi
exec node --test --test-concurrency=1 --test-reporter=spec "${files[@]}"
