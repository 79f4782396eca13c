#!/usr/bin/env bash
# Builds the www/ demo: the core with its DOM front end (src/dom.rs, cargo feature `demo`) as
# wasm, and the sample pages. Idempotent; a rebuild with nothing changed takes a few seconds.
#
#   scripts/build-www.sh        then: scripts/serve-www.sh  (prints http://127.0.0.1:PORT/)
#
# Produces (both git-ignored):
#   www/pkg/      lede_demo.js + lede_demo_bg.wasm (wasm-bindgen --target web: an ES module)
#   www/samples/  seed-NNN.html, copies of tests/fixtures/seed-NNN/page.html, and index.json
#
# The demo's wasm builds in its own target dir (target/www), so it neither races nor forces a
# rebuild of the extension's wasm (target/wasm32-unknown-unknown, no `demo` feature).
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET=wasm32-unknown-unknown
OUT_TARGET=${LEDE_WWW_TARGET_DIR:-target/www}
PKG=www/pkg
SAMPLES=www/samples

# 1. Toolchain (target, wasm-bindgen-cli of the Cargo.lock version, wasm-opt when at hand).
source scripts/wasm-toolchain.sh

# 2. The core and src/dom.rs, as wasm.
CARGO_TARGET_DIR="$OUT_TARGET" cargo build --lib --release --target "$TARGET" --features demo
WASM="$OUT_TARGET/$TARGET/release/lede.wasm"

# 3. JS glue: an ES module the page imports (script-src 'self'; 'wasm-unsafe-eval' to compile).
#    Skipped (with step 4) when www/pkg was made from this very wasm by this wasm-bindgen.
stamp="$PKG/.built-from"
made_from="$(cksum < "$WASM") $(wasm-bindgen --version) opt:${WASM_OPT:+yes}"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$made_from" ] && [ -f "$PKG/lede_demo_bg.wasm" ]; then
  echo "build-www: $PKG is up to date" >&2
else
  rm -rf "$PKG.tmp"
  mkdir -p "$PKG.tmp"
  wasm-bindgen --target web --no-typescript --out-dir "$PKG.tmp" --out-name lede_demo "$WASM"

  # 4. Shrink, when wasm-opt is at hand.
  shrink_wasm "$PKG.tmp/lede_demo_bg.wasm"
  echo "$made_from" > "$PKG.tmp/.built-from"
  rm -rf "$PKG"
  mv "$PKG.tmp" "$PKG"
fi

# 5. The samples: the seed fixtures, copied (not committed), and their list.
rm -rf "$SAMPLES"
mkdir -p "$SAMPLES"
names=()
for dir in tests/fixtures/seed-*/; do
  name=$(basename "$dir")
  [ -f "$dir/page.html" ] || continue
  cp "$dir/page.html" "$SAMPLES/$name.html"
  names+=("\"$name\"")
done
(IFS=,; echo "[${names[*]}]") > "$SAMPLES/index.json"

raw=$(stat -c %s "$PKG/lede_demo_bg.wasm")
gz=$(gzip -9 -c "$PKG/lede_demo_bg.wasm" | wc -c)
echo "build-www: $PKG/lede_demo_bg.wasm $raw bytes raw, $gz bytes gzip; ${#names[@]} samples in $SAMPLES"
