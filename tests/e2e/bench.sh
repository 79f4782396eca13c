#!/usr/bin/env bash
# The in-browser benchmark (figures, not a test): Lede against Readability.js on aeb-dev, in
# headless Chromium and Firefox. See bench.mjs.
#
#   tests/e2e/bench.sh
#   LEDE_BROWSERS=chromium LEDE_AEB_LIMIT=30 tests/e2e/bench.sh
set -euo pipefail
source "$(dirname "$0")/../../scripts/browsers.sh"
source "$(dirname "$0")/setup.sh"
cd "$E2E"
exec node bench.mjs "$@"
