#!/usr/bin/env bash
# What the e2e tests and the browser benchmark need, installed or built only when missing or
# stale: the npm packages (puppeteer-core, web-ext, …; never a browser), the extension's wasm
# (scripts/build.sh) and the native CLI (target/release/lede, for the parity checks).
# Sourced by run.sh and bench.sh.
set -euo pipefail
E2E="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$E2E/../.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"

if [ ! -d "$E2E/node_modules" ] || [ "$E2E/package-lock.json" -nt "$E2E/node_modules" ]; then
  (cd "$E2E" && npm ci --no-audit --no-fund && touch node_modules)
fi

# Rebuild the wasm when a source of the core is newer than the last build.
stamp="$ROOT/extension/pkg/lede-bytes.js"
if [ ! -f "$stamp" ] || [ -n "$(find "$ROOT/src" "$ROOT/Cargo.toml" "$ROOT/Cargo.lock" -newer "$stamp" -type f 2>/dev/null | head -1)" ]; then
  "$ROOT/scripts/build.sh"
fi
(cd "$ROOT" && cargo build --release --bin lede --quiet)
