#!/usr/bin/env bash
# Builds the native test plugins into Tests/Plugins/build/ with the system C compiler:
# the echo plugin (wasmplug:test/host), the hostile one (the echo plugin with escape attempts,
# for the sandbox tests) and one malformed library per loader fault.
set -euo pipefail
cd "$(dirname "$0")"
out=build
mkdir -p "$out"
include=../../Sources/CWasmPlugPlugin/include
CC=${CC:-cc}
flags=(-shared -fPIC -O2 -Wall -Wextra -Werror -I "$include" -I "$out")

# The plugin's WIT document is the test package's WIT, embedded as a C string.
wit=../Guests/wit/test/test.wit
if [ ! -e "$out/test_wit.h" ] || [ "$wit" -nt "$out/test_wit.h" ]; then
  bash ../../scripts/embed-wit.sh "$wit" TEST_WIT "$out/test_wit.h"
fi

build() { # OUTPUT SOURCE [DEFINES... MORE-SOURCES...]
  local output=$1 source=$2; shift 2
  local stale=0
  for input in "$source" "$include/wasmplug_plugin.h" "$out/test_wit.h" "$@"; do
    if [ -f "$input" ] && [ "$input" -nt "$out/$output" ]; then stale=1; fi
  done
  if [ ! -e "$out/$output" ] || [ $stale = 1 ]; then
    "$CC" "${flags[@]}" "$@" -o "$out/$output" "$source"
    echo "built $out/$output"
  fi
}

build libecho.so c/echo_plugin.c
build libhostile.so c/echo_plugin.c -DESCAPES c/escapes.c
build libbench.so c/bench_plugin.c
build libbenchmismatch.so c/bench_plugin.c -DMISMATCH
build libdlbench.so c/dl_bench.c
build libnosymbol.so c/malformed.c -DNO_SYMBOL
build libnulldescriptor.so c/malformed.c -DNULL_DESCRIPTOR
build libfutureabi.so c/malformed.c -DFUTURE_ABI
build libbiggerdescriptor.so c/malformed.c -DBIGGER_DESCRIPTOR
build libtruncateddescriptor.so c/malformed.c -DTRUNCATED_DESCRIPTOR
build libnullname.so c/malformed.c -DNULL_NAME
build libnullfunctions.so c/malformed.c -DNULL_FUNCTIONS
build libbadwit.so c/malformed.c -DBAD_WIT
build libmissingfunction.so c/malformed.c -DMISSING_FUNCTION
# Not a plugin: runs a command as on a kernel without a sandbox feature (the sandbox tests).
if [ ! -e "$out/without-feature" ] || [ c/without_feature.c -nt "$out/without-feature" ]; then
  "$CC" -O2 -Wall -Wextra -Werror -o "$out/without-feature" c/without_feature.c
  echo "built $out/without-feature"
fi
[ -e "$out/libnotelf.so" ] || { echo "this is not an ELF file" > "$out/libnotelf.so"; echo "built $out/libnotelf.so"; }
