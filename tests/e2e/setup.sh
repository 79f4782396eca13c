#!/usr/bin/env bash
# What the e2e tests and the browser benchmark need, installed or built only when missing or
# stale: the npm packages (puppeteer-core, web-ext, …; never a browser), the extension's wasm
# (scripts/build.sh) and the native CLI (target/release/lede, for the parity checks).
# Sourced by run.sh and bench.sh.
set -euo pipefail
E2E="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$E2E/../.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"

# Installed when node_modules was not installed from this very package-lock.json (its hash is
# kept beside the packages): mtimes say nothing across clones and worktrees, where a checkout
# makes the lock file new, and `npm ci` through a shared node_modules once emptied another tree's.
lock_sum=$(sha256sum "$E2E/package-lock.json" | cut -d' ' -f1)
if [ "$(cat "$E2E/node_modules/.lede-lock-sha256" 2>/dev/null)" != "$lock_sum" ]; then
  (cd "$E2E" && npm ci --no-audit --no-fund && echo "$lock_sum" > node_modules/.lede-lock-sha256)
fi

# Rebuild the wasm when a source of the core is newer than the last build.
stamp="$ROOT/extension/pkg/lede-bytes.js"
if [ ! -f "$stamp" ] || [ -n "$(find "$ROOT/src" "$ROOT/Cargo.toml" "$ROOT/Cargo.lock" -newer "$stamp" -type f 2>/dev/null | head -1)" ]; then
  "$ROOT/scripts/build.sh"
fi
(cd "$ROOT" && cargo build --release --bin lede --quiet)
