#!/usr/bin/env bash
# The reading history's benchmark in the browsers (figures, not a test): a 10k-article history
# loaded cold by the background, and lookups there. See bench-history.mjs.
#
#   tests/e2e/bench-history.sh
#   LEDE_BROWSERS=chromium LEDE_HISTORY_RUNS=5 tests/e2e/bench-history.sh
#
# The history comes from `cargo bench --bench history` (LEDE_HISTORY_OUT), which also prints the
# native figures; it is written again when the core's history format changed.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
export LEDE_HISTORY_DIR=${LEDE_HISTORY_DIR:-$ROOT/target/history-bench}
(cd "$ROOT" && LEDE_HISTORY_OUT="$LEDE_HISTORY_DIR" cargo bench --bench history)
cd "$E2E"
exec node bench-history.mjs "$@"
