#!/usr/bin/env bash
# Installs what building and testing need on a fresh machine, skipping what is already there:
# the wasm32 target, the wasm-bindgen CLI matching Cargo.lock, the npm packages and, with
# --browser, Debian's Chromium and ChromeDriver.
set -euo pipefail
cd "$(dirname "$0")/.."

with_browser=0
[ "${1:-}" = "--browser" ] && with_browser=1

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "setup: adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The CLI must match the wasm-bindgen crate exactly (pinned with = in Cargo.toml).
wanted=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$wanted" ]; then
  echo "setup: installing wasm-bindgen-cli $wanted (about 2 minutes, once)"
  # Not --locked: a locked dependency of the CLI is missing from the registry.
  cargo install wasm-bindgen-cli --version "$wanted"
fi

# Chromium for the browser tests, and a CJK font so screenshots of the Chinese page show text.
if [ "$with_browser" = 1 ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] \
    || [ ! -d /usr/share/fonts/truetype/wqy ]; }; then
  echo "setup: installing Debian's chromium, chromium-driver and fonts-wqy-microhei"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver \
    fonts-wqy-microhei >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages"
  npm ci --no-audit --no-fund
fi
