#!/usr/bin/env bash
# Makes sure the wasm toolchain is there, installing only what is missing or of the wrong version:
# - the wasm32-unknown-unknown target (rustup);
# - wasm-bindgen-cli of exactly the wasm-bindgen version in Cargo.lock (~10 minutes to install;
#   no --locked: it pins a webpki-roots version the registry lacks, see the platform notes).
# - wasm-opt: on PATH, or npm `binaryen` in tests/e2e (npm ci there when missing and npm is at
#   hand); sets WASM_OPT to it, or "" when none (the wasm is then ~30% bigger, and still works).
# Defines shrink_wasm FILE: wasm-opt -Oz in place, when WASM_OPT is set.
# Sourced by scripts/build.sh and scripts/build-www.sh; expects the repository root as cwd.
export PATH="$HOME/.cargo/bin:$PATH"

if command -v rustup >/dev/null 2>&1; then
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    echo "toolchain: adding the wasm32-unknown-unknown target" >&2
    rustup target add wasm32-unknown-unknown
  fi
fi
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if [ -z "$want" ]; then
  echo "toolchain: no wasm-bindgen in Cargo.lock" >&2
  exit 1
fi
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  echo "toolchain: installing wasm-bindgen-cli $want (found '${have:-none}'); this takes ~10 minutes" >&2
  cargo install wasm-bindgen-cli --version "$want"
fi
if [ ! -x tests/e2e/node_modules/.bin/wasm-opt ] && ! command -v wasm-opt >/dev/null 2>&1 \
   && command -v npm >/dev/null 2>&1 && [ -f tests/e2e/package-lock.json ]; then
  (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error) || echo "toolchain: npm ci failed; no wasm-opt" >&2
fi
WASM_OPT=""
if command -v wasm-opt >/dev/null 2>&1; then
  WASM_OPT=wasm-opt
elif [ -x tests/e2e/node_modules/.bin/wasm-opt ]; then
  WASM_OPT=tests/e2e/node_modules/.bin/wasm-opt
fi

shrink_wasm() {
  if [ -z "$WASM_OPT" ]; then
    echo "toolchain: wasm-opt not found (npm binaryen); $1 is not shrunk further" >&2
    return 0
  fi
  "$WASM_OPT" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue --enable-simd \
    "$1" -o "${1%.wasm}.opt.wasm"
  mv "${1%.wasm}.opt.wasm" "$1"
}
