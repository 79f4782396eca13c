#!/usr/bin/env bash
# Serves the www/ demo on 127.0.0.1 and prints its address. Build it first (scripts/build-www.sh).
#
#   scripts/serve-www.sh          a free port
#   scripts/serve-www.sh 8080     that port
set -euo pipefail
cd "$(dirname "$0")/.."
exec node scripts/serve-www.mjs "$@"
