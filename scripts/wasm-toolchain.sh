#!/usr/bin/env bash
# Sourced by scripts/build-www.sh (and usable by scripts/build.sh): makes sure the wasm toolchain
# is there, installing only what is missing or of the wrong version:
# - the wasm32-unknown-unknown target (rustup);
# - wasm-bindgen-cli of exactly the wasm-bindgen version in Cargo.lock (~10 minutes to install;
#   no --locked: it pins a webpki-roots version the registry lacks, see the platform notes).
# Sets WASM_OPT to a wasm-opt binary (PATH, or npm binaryen in tests/e2e), or "" when none.
# Expects to run from the repository root.
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
WASM_OPT=""
if command -v wasm-opt >/dev/null 2>&1; then
  WASM_OPT=wasm-opt
elif [ -x tests/e2e/node_modules/.bin/wasm-opt ]; then
  WASM_OPT=tests/e2e/node_modules/.bin/wasm-opt
fi
