#!/usr/bin/env bash
# Builds the native test plugins into Tests/Plugins/build/ with the system C compiler:
# the echo plugin (wasmplug:test/host) and one malformed library per loader fault.
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

build() { # OUTPUT SOURCE [DEFINES...]
  local output=$1 source=$2; shift 2
  if [ ! -e "$out/$output" ] || [ "$source" -nt "$out/$output" ] || [ "$include/wasmplug_plugin.h" -nt "$out/$output" ] \
     || [ "$out/test_wit.h" -nt "$out/$output" ]; then
    "$CC" "${flags[@]}" "$@" -o "$out/$output" "$source"
    echo "built $out/$output"
  fi
}

build libecho.so c/echo_plugin.c
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
[ -e "$out/libnotelf.so" ] || { echo "this is not an ELF file" > "$out/libnotelf.so"; echo "built $out/libnotelf.so"; }
