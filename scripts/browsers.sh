#!/usr/bin/env bash
# Installs what the browser tests and the browser benchmark drive, when missing: Node.js and
# npm, Debian's Chromium and Firefox ESR. Sourced by scripts/test.sh and tests/e2e/bench.sh.
missing=()
command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
[ -x /usr/lib/chromium/chromium ] || missing+=(chromium)
command -v firefox-esr >/dev/null 2>&1 || missing+=(firefox-esr)
if [ ${#missing[@]} -gt 0 ]; then
  echo "browsers: installing ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" || exit 1
fi
