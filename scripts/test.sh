#!/usr/bin/env bash
# Runs every test layer, each printing its runner's summary:
#   1. native Rust (cargo test), after cargo fmt --check and clippy -D warnings;
#   2. wasm-bindgen tests in Node and in headless Chromium, against the local service;
#   3. JS tests (node:test): the service itself, the package in Node, in workerd, in Deno and
#      Bun, the demo page and apps built by esbuild, Vite and webpack in Chromium.
# Installs what it needs first (scripts/setup.sh --browser) and builds the package.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh --browser

echo "== Rust: format, lint, native tests"
cargo fmt --check
cargo clippy --quiet --all-targets -- -D warnings
cargo clippy --quiet --target wasm32-unknown-unknown --all-targets -- -D warnings
# The validate-only module (codearts-deploy-wasm/validate): the crate without its client feature.
cargo clippy --quiet --target wasm32-unknown-unknown --no-default-features --lib -- -D warnings
cargo test --quiet

echo "== Build the package"
node scripts/build.mjs

echo "== wasm-bindgen tests (Node, then headless Chromium) against the local service"
service_log=$(mktemp)
node tests/service/cli.mjs --port 0 --any-task > "$service_log" &
service_pid=$!
trap 'kill "$service_pid" 2>/dev/null || true; rm -f "$service_log"' EXIT
for _ in $(seq 1 100); do grep -q '"url"' "$service_log" && break; sleep 0.1; done
export CODEARTS_TEST_ENDPOINT
CODEARTS_TEST_ENDPOINT=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8").split("\n")[0]).url)' "$service_log")
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
# The runner gives a browser test file 20 s by default; wasm_resilience needs ~13 s on an idle
# machine and more under CPU load (scripts/cpu-load.mjs). A generous bound, not a speed limit.
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-180}"
cargo test --target wasm32-unknown-unknown --test wasm_skin --test wasm_resilience --test wasm_follow --test wasm_view
WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test --target wasm32-unknown-unknown --test wasm_skin --test wasm_resilience --test wasm_follow --test wasm_view
kill "$service_pid" 2>/dev/null || true

echo "== JS tests (node:test): service, Node, workerd, Deno, Bun, browser"
node --test --test-concurrency=1 tests/service/ tests/js/
