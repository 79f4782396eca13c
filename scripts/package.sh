#!/usr/bin/env bash
# Lints the extension and zips it for both stores:
#   dist/lede-chrome.zip and dist/lede-firefox.zip (one MV3 manifest serves both browsers).
# Builds first when extension/pkg is missing. `web-ext lint` must report 0 errors and no
# warning but BACKGROUND_SERVICE_WORKER_IGNORED (the manifest names a service worker for
# Chromium and background scripts for Firefox; Firefox ignores the first, as intended).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
E2E=tests/e2e
if [ ! -x "$E2E/node_modules/.bin/web-ext" ]; then
  (cd "$E2E" && npm ci --no-audit --no-fund)
fi
if [ ! -f extension/pkg/lede-bytes.js ]; then
  scripts/build.sh
fi
WEB_EXT="$ROOT/$E2E/node_modules/.bin/web-ext"

# Lint. web-ext's JSON output lists errors, warnings and notices by code.
report=$(mktemp)
trap 'rm -f "$report"' EXIT
"$WEB_EXT" lint --source-dir extension --output json --no-config-discovery > "$report" || true
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const show = (m) => `  ${m.code}: ${m.message} ${m.file ?? ""}`;
  const unexpected = r.warnings.filter((w) => w.code !== "BACKGROUND_SERVICE_WORKER_IGNORED");
  console.log(`web-ext lint: ${r.errors.length} errors, ${r.warnings.length} warnings (${r.warnings.map((w) => w.code).join(", ") || "none"}), ${r.notices.length} notices`);
  for (const m of [...r.errors, ...unexpected, ...r.notices]) console.log(show(m));
  if (r.errors.length || unexpected.length) process.exit(1);
' "$report"

# Zips. The same files for both; each store gets its own name.
mkdir -p dist
rm -f dist/lede-chrome.zip dist/lede-firefox.zip
# pkg/lede_bg.wasm and pkg/full/lede_bg.wasm are left out: the extension runs the same bytes
# from the lede-bytes.js beside them.
"$WEB_EXT" build --source-dir extension --artifacts-dir dist --filename lede-chrome.zip --overwrite-dest \
  --no-config-discovery --ignore-files "pkg/lede_bg.wasm" "pkg/full/lede_bg.wasm" >/dev/null
cp dist/lede-chrome.zip dist/lede-firefox.zip
ls -l dist/lede-chrome.zip dist/lede-firefox.zip | awk '{ print "package: " $NF " " $5 " bytes" }'
