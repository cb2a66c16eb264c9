#!/usr/bin/env bash
# Fuzzes WasmPlug's input parsers with libFuzzer (the Swift toolchain's -sanitize=fuzzer) under
# AddressSanitizer: builds the Fuzz/ package in release mode, then runs each target for a
# bounded time on a scratch copy of its seed corpus (Fuzz/corpus/<target>/).
#
#   bash scripts/fuzz.sh [seconds-per-target] [target...]    # default: 60 s, every target
#
# Fails when any target crashes, leaks, times out (-timeout=10 per input) or goes past
# -rss_limit_mb=2048; the reproducer is kept in .build-fuzz/artifacts/<target>/ and the log in
# .build-fuzz/logs/<target>.log. Reproduce one with .build-fuzz/release/<target> <file>.
# Every crash found should become a regression test in the main package's tests.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  targets=(FuzzWRPCDecoder FuzzWITIntake FuzzValueConversion FuzzDLTypes)
fi
scratch="$PWD/.build-fuzz"
# libFuzzer's own crash report (with ASan's symbolized stack) is the one wanted: the Swift
# runtime's backtracer would run first and trip over ASan while reading memory.
export SWIFT_BACKTRACE="enable=no"
# Leak reports LeakSanitizer cannot judge in Swift code (see the file's comments).
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$PWD/scripts/sanitizers/address.supp}"

# -parse-as-library is set per target in Fuzz/Package.swift (libFuzzer supplies main).
swift build --package-path Fuzz --scratch-path "$scratch" -c release -Xswiftc -sanitize=fuzzer,address

failed=()
for target in "${targets[@]}"; do
  work="$scratch/runs/$target"
  artifacts="$scratch/artifacts/$target"
  rm -rf "$work" && mkdir -p "$work" "$artifacts" "$scratch/logs"
  # The seed corpus stays as committed; new inputs go to the scratch copy.
  cp Fuzz/corpus/"$target"/* "$work"/
  echo "== $target: ${seconds}s"
  status=0
  "$scratch/release/$target" "$work" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix="$artifacts/" -print_final_stats=1 >"$scratch/logs/$target.log" 2>&1 || status=$?
  grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|Done [0-9]+ runs)|ERROR: libFuzzer|SUMMARY:" \
    "$scratch/logs/$target.log" || true
  if [[ $status -ne 0 ]]; then
    echo "== $target FAILED (exit $status): see $scratch/logs/$target.log and $artifacts/"
    failed+=("$target")
  fi
done
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "fuzz: crashes in ${failed[*]}"
  exit 1
fi
echo "fuzz: ${#targets[@]} targets, ${seconds}s each, no crashes"
