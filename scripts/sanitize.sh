#!/usr/bin/env bash
# Runs the test suite under a sanitizer: AddressSanitizer (memory errors, leaks) or
# ThreadSanitizer (data races).
#
#   bash scripts/sanitize.sh address [swift test options...]   # e.g. --filter WasmPlugWRPCTests
#   bash scripts/sanitize.sh thread --filter WasmPlugNativeTests
#
# Builds into .build-asan or .build-tsan (never the default .build), builds the test guests and
# plugins first (as scripts/test.sh does), and prints the sanitizer's reports with the XCTest
# summary. Known reports in code that is not ours, or that a sanitizer cannot judge, are
# suppressed by scripts/sanitizers/<kind>.supp, each entry with its reason.
#
# Leak checking is opt-in (LEAKS=1): LeakSanitizer cannot see the references Swift keeps in
# the spare bits of multi-payload enums, so it reports objects that are still referenced, and
# the objects they own, as leaks. scripts/sanitizers/address.supp silences the known roots, but
# not what they own; read LEAKS=1 reports against it. The CLI tests check that wasmplug writes
# one line on stderr, which any report from a child process breaks.
set -euo pipefail
cd "$(dirname "$0")/.."
kind="${1:-}"
case "$kind" in
  address) scratch=.build-asan ;;
  thread) scratch=.build-tsan ;;
  *) echo "usage: $0 address|thread [swift test options...]" >&2; exit 2 ;;
esac
shift

bash Tests/Guests/build.sh
bash Tests/Plugins/build.sh
bash Plugins/keyvalue-sqlite/build.sh
if [[ -f Plugins/keyvalue-dl-sqlite/build.sh ]]; then bash Plugins/keyvalue-dl-sqlite/build.sh; fi
export WASMPLUG_CACHE_DIR="${WASMPLUG_CACHE_DIR:-$PWD/$scratch/test-cache}"

# --build-tests also builds every product (the wasmplug CLI, the example plugins, the Redis RPC
# plugin) that the tests run, all with the sanitizer.
# Under ThreadSanitizer the runtime is linked statically into each executable, and a plugin
# library built with it (the Swift example plugins) needs the executable to export all of it.
link=()
if [[ $kind == thread ]]; then link=(-Xlinker --export-dynamic); fi
swift build --build-tests --sanitize="$kind" --scratch-path "$scratch" "${link[@]}"

# A suppressions file, when there is one, names reports in code that is not ours.
suppressions="$PWD/scripts/sanitizers/${kind}.supp"
case "$kind" in
  address)
    # handle_segv=0: some tests make a plugin crash on purpose (a NULL write in a child
    # process); it must die by the signal, as without ASan, for the host to report it.
    export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=${LEAKS:-0}:handle_segv=0}"
    if [[ -f "$suppressions" ]]; then export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$suppressions}"; fi
    ;;
  thread)
    # Report every race, not just the first, so one run shows them all; handle_segv=0 as for
    # ASan above.
    options="halt_on_error=0:handle_segv=0"
    if [[ -f "$suppressions" ]]; then options+=":suppressions=$suppressions"; fi
    export TSAN_OPTIONS="${TSAN_OPTIONS:-$options}"
    ;;
esac

log="$scratch/sanitize-$kind.log"
status=0
swift test --skip-build --scratch-path "$scratch" --sanitize="$kind" "${link[@]}" --disable-swift-testing "$@" 2>&1 | tee "$log" || status=$?
echo "== sanitizer reports (full log: $log)"
grep -E "^(SUMMARY: |==[0-9]+==ERROR: |WARNING: ThreadSanitizer)" "$log" | sort | uniq -c || echo "none"
grep -E "Executed [0-9]+ tests?, with [0-9]+ failures?" "$log" | tail -n 1 || true
exit $status
