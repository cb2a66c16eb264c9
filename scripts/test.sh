#!/usr/bin/env bash
# The test suite: builds the test guests from source with real toolchains, then runs every
# Swift test. Run scripts/setup.sh once before (it installs the tools and the engine).
set -euo pipefail
cd "$(dirname "$0")/.."
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
# The suite is XCTest; its own closing line ("Executed N tests, with M failures") is the verdict,
# repeated as one plain line at the end.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
swift test --skip-build --disable-swift-testing "$@" 2>&1 | tee "$log" || status=$?
summary=$(grep -E "Executed [0-9]+ tests?, with [0-9]+ failures?" "$log" | tail -n 1 || true)
if [[ $summary =~ Executed\ ([0-9]+)\ tests?,\ with\ ([0-9]+)\ failure ]]; then
  echo "tests: $(( BASH_REMATCH[1] - BASH_REMATCH[2] )) passed, ${BASH_REMATCH[2]} failed"
fi
exit $status
