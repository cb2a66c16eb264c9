#!/usr/bin/env bash
# The test suite: builds the test guests from source with real toolchains, then runs every
# Swift test against the debug build, and the CLI tests (which spawn `wasmplug` and the plugins
# built beside it) a second time against the release build, which is what users run.
# It runs scripts/setup.sh first (idempotent, quick when everything is installed).
# Arguments go to both `swift test` runs (e.g. --filter IsolationTests).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash Tests/Guests/build.sh
bash Tests/Plugins/build.sh
bash Plugins/keyvalue-sqlite/build.sh
bash Plugins/keyvalue-dl-sqlite/build.sh
# Tests get a cache directory of their own, so they never read a user's compiled components.
export WASMPLUG_CACHE_DIR="${WASMPLUG_CACHE_DIR:-$PWD/.build/test-cache}"
swift build --build-tests
# The example plugins written in Swift, each a dynamic library.
swift build --product SwiftBenchPlugin
swift build --product SwiftKeyValuePlugin
# The RPC plugin the tests run as a separate process, beside a real redis-server.
swift build --product wasmplug-keyvalue-redis
# Every product in release: wasmplug, the Swift plugins and the Redis plugin.
swift build -c release

log=$(mktemp)
trap 'rm -f "$log"' EXIT
passed=0 failed=0 status=0
# run LABEL ARGS...: one `swift test` run; its XCTest closing line ("Executed N tests, with M
# failures") is added to the totals.
run() {
  local label=$1; shift
  echo "== $label"
  swift test --skip-build --disable-swift-testing "$@" 2>&1 | tee "$log" || status=$?
  local summary
  summary=$(grep -E "Executed [0-9]+ tests?, with [0-9]+ failures?" "$log" | tail -n 1 || true)
  if [[ $summary =~ Executed\ ([0-9]+)\ tests?,\ with\ ([0-9]+)\ failure ]]; then
    passed=$(( passed + BASH_REMATCH[1] - BASH_REMATCH[2] )); failed=$(( failed + BASH_REMATCH[2] ))
  else
    echo "test.sh: the $label run printed no XCTest summary" >&2; status=1
  fi
}
run "every test, debug build" "$@"
if (( $# == 0 )); then
  WASMPLUG_BIN_DIR=.build/release run "the CLI tests against the release build" --filter WasmPlugCLITests
else
  WASMPLUG_BIN_DIR=.build/release run "the same tests against the release build" "$@"
fi
# The verdict, as one plain line.
echo "tests: $passed passed, $failed failed"
exit $status
