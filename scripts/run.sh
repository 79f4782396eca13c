#!/usr/bin/env bash
# Builds the product: the `lede` command-line tool (release) and the core as wasm. When
# scripts/build.sh exists it builds the wasm and the extension; then this prints how to use them.
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
  echo "Extension: load $PWD/extension unpacked (chrome://extensions, or about:debugging in Firefox)."
fi
