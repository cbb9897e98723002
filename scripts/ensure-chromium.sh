#!/usr/bin/env bash
# The report check opens the Allure HTML in a real browser. Playwright's own browser download cannot be
# used here, so the suite drives Debian's chromium; install it when we are allowed to.
set -euo pipefail
path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$path" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "chromium not found at $path: installing Debian's chromium with apt-get (needed by the report browser check)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium >/dev/null
  [ -x "$path" ] && exit 0
fi
echo "chromium not found at $path. Install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary." >&2
exit 1
