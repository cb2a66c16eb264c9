#!/usr/bin/env bash
# The test suite: builds the test guests from source with real toolchains, then runs every
# Swift test. Run scripts/setup.sh once before (it installs the tools and the engine).
set -euo pipefail
cd "$(dirname "$0")/.."
bash Tests/Guests/build.sh
bash Tests/Plugins/build.sh
bash Plugins/keyvalue-sqlite/build.sh
# Tests get a cache directory of their own, so they never read a user's compiled components.
export WASMPLUG_CACHE_DIR="${WASMPLUG_CACHE_DIR:-$PWD/.build/test-cache}"
swift build --build-tests
swift test --skip-build "$@"
