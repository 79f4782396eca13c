#!/usr/bin/env bash
# Builds the product and serves the demo: the `lede` command-line tool (release), the
# extension (scripts/build.sh: wasm into extension/pkg; scripts/package.sh: dist/*.zip), the
# www/ demo (scripts/build-www.sh), then serves the demo on 127.0.0.1 (address printed).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
TARGET=wasm32-unknown-unknown

echo "== building the lede CLI (release)" >&2
cargo build --release --bin lede

if [ -x scripts/build.sh ] || [ -f scripts/build.sh ]; then
  echo "== scripts/build.sh" >&2
  bash scripts/build.sh
  echo "== scripts/package.sh (web-ext lint, dist/lede-chrome.zip, dist/lede-firefox.zip)" >&2
  bash scripts/package.sh
else
  echo "== building the core as wasm" >&2
  if command -v rustup >/dev/null 2>&1 && ! rustup target list --installed | grep -qx "$TARGET"; then
    rustup target add "$TARGET"
  fi
  cargo build --lib --release --target "$TARGET"
  ls -l "target/$TARGET/release/lede.wasm" >&2
fi

CLI="$PWD/target/release/lede"
cat <<USAGE

Built: $CLI
$("$CLI" --help)

Examples:
  $CLI clean page.html                      # what a reader still sees, clutter hidden
  $CLI clean page.html --mode focus         # only the article: headline, byline, body
  $CLI clean page.html --format json        # the plan: every hidden element and why
  $CLI extract ../shared/bench/aeb-dev/html # {"<id>": {"articleBody", "title"}} for a folder
USAGE
if [ -d extension/pkg ]; then
  echo "Extension: load $PWD/extension unpacked (chrome://extensions, or about:debugging in Firefox);"
  echo "store packages: $PWD/dist/lede-chrome.zip, $PWD/dist/lede-firefox.zip"
fi

# The demo: built, then served on 127.0.0.1 until stopped (LEDE_WWW_PORT picks the port;
# LEDE_NO_SERVE=1 builds without serving).
echo "== scripts/build-www.sh" >&2
bash scripts/build-www.sh
if [ "${LEDE_NO_SERVE:-0}" != 1 ]; then
  exec node scripts/serve-www.mjs "${LEDE_WWW_PORT:-0}"
fi
