#!/usr/bin/env bash
# Runs every test of Lede. Installs what is missing first and skips what is present.
#
#   scripts/test.sh            all: cargo tests (fixtures, aeb-dev gate, hostile input, wasm
#                              build, unit tests), then the browser e2e tests when present
#   scripts/test.sh -- ARGS    only the cargo tests, with ARGS (e.g. `-- --test fixtures`)
#
# The cargo tests build in target/test with the release profile minus what only the shipped
# binaries need (see below), so they neither fight nor rebuild the product's target/release.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n== %s\n' "$*" >&2; }

# 1. What the tests need.
if command -v rustup >/dev/null 2>&1; then
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "installing the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown || exit 1
  fi
fi
[ -f tests/e2e/run.sh ] && { source scripts/browsers.sh || exit 1; }

# 2. The Rust tests.
# - --no-fail-fast: every test binary runs, so one report shows every failure.
# - no LTO, 16 codegen units: the tests want fast code and fast rebuilds, not the smallest
#   binary (a rebuild after a change in src/ drops from ~2 min to ~15 s). The wasm build test
#   clears these settings and builds with the product's own profile.
step "cargo test --release"
run_e2e=1
if [ "${1:-}" = "--" ]; then run_e2e=0; shift; fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
CARGO_TARGET_DIR="${LEDE_TEST_TARGET_DIR:-target/test}" \
CARGO_PROFILE_RELEASE_LTO=false \
CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
  cargo test --release --no-fail-fast "$@" 2>&1 | tee "$log"
rust=${PIPESTATUS[0]}

# 3. The browser tests (they build the extension themselves).
e2e=0
if [ -f tests/e2e/run.sh ] && [ $run_e2e -eq 1 ]; then
  step "tests/e2e/run.sh"
  bash tests/e2e/run.sh 2>&1 | tee -a "$log"
  e2e=${PIPESTATUS[0]}
fi

# One closing line over every runner: cargo's "test result: … N passed; M failed" lines and
# node's "ℹ pass N" / "ℹ fail M" (spec reporter) or "# pass N" / "# fail M" (tap).
summary=$(awk '
  /^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed;?$/) p += $i; if ($(i+1) ~ /^failed;?$/) f += $i } }
  /^(# |ℹ )pass [0-9]/ { p += $3 } /^(# |ℹ )fail [0-9]/ { f += $3 }
  END { printf "%d passed, %d failed", p, f }' "$log")
if [ $rust -ne 0 ] || [ $e2e -ne 0 ]; then
  echo "scripts/test.sh: FAILED (cargo test: exit $rust, e2e: exit $e2e)" >&2
  echo "tests: $summary"
  exit 1
fi
echo "tests: $summary"
