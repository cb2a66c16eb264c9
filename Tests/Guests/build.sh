#!/usr/bin/env bash
# Builds every test guest from source into Tests/Guests/build/ with the real toolchains that
# scripts/setup.sh installs: componentize-py (Python guests), clang --target=wasm32 + wasm-ld +
# wasm-tools (C guests), clang with Debian's wasi-libc (WASI preview 1 programs), wasm-tools
# parse (WAT guests). See README.md beside this file.
#
# Incremental: a target is rebuilt only when it is missing or one of its inputs (or this
# script) is newer than it. Prints one line per artifact built; nothing when all are current.
# Each artifact is written to a temporary file, checked with `wasm-tools validate` (and
# `wasm-tools component wit` for components) and only then moved into place, so a failed
# build never leaves a fresh-looking output behind. Any tool's error stops the script.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
out=build
mkdir -p "$out"
trap 'rm -f "$out"/*.tmp "$out"/*.tmp.*' EXIT  # half-built files of a failed step

for tool in componentize-py wasm-tools clang wasm-ld; do
  command -v "$tool" >/dev/null || { echo "build.sh: $tool not found on PATH: run scripts/setup.sh" >&2; exit 1; }
done

# stale OUTPUT INPUT...: true when OUTPUT is missing or older than build.sh or any INPUT
# (files, or directories searched recursively; Python byte-code caches do not count).
stale() {
  local output=$1; shift
  [ -e "$output" ] || return 0
  local input
  for input in "$@"; do [ -e "$input" ] || { echo "build.sh: missing input $input" >&2; exit 1; }; done
  [ -n "$(find -L build.sh "$@" -newer "$output" -type f -not -path '*/__pycache__/*' | head -n 1)" ]
}

# check FILE KIND: validate a freshly built artifact; KIND is component or module.
check() {
  wasm-tools validate "$1"
  if [ "$2" = component ]; then wasm-tools component wit "$1" >/dev/null; fi
}

# publish TMP NAME HOW: check TMP, move it to build/NAME and say so.
publish() {
  local tmp=$1 name=$2 how=$3 kind=${4:-component}
  check "$tmp" "$kind"
  mv -f "$tmp" "$out/$name"
  printf 'built %-28s %9s bytes  (%s)\n' "$out/$name" "$(wc -c < "$out/$name" | tr -d ' ')" "$how"
}

python_guest() { # NAME WIT_DIR WORLD: python/<NAME with - as _>/app.py
  local name=$1 wit=$2 world=$3 src="python/${1//-/_}"
  if stale "$out/$name.wasm" "$src" "$wit"; then
    componentize-py -q -d "$wit" -w "$world" componentize -p "$src" app -o "$out/$name.wasm.tmp"
    publish "$out/$name.wasm.tmp" "$name.wasm" "componentize-py, world $world"
  fi
}

c_guest() { # NAME WIT_DIR WORLD: c/<NAME>.c
  local name=$1 wit=$2 world=$3 tmp="$out/$1.tmp"
  if stale "$out/$name.wasm" "c/$name.c" c/cabi_realloc.h "$wit"; then
    clang --target=wasm32 -nostdlib -O2 -Wall -Wextra -Werror -Wl,--no-entry \
      -o "$tmp.core.wasm" "c/$name.c"
    wasm-tools component embed "$wit" --world "$world" "$tmp.core.wasm" -o "$tmp.embed.wasm"
    wasm-tools component new "$tmp.embed.wasm" -o "$tmp.wasm"
    rm -f "$tmp.core.wasm" "$tmp.embed.wasm"
    publish "$tmp.wasm" "$name.wasm" "clang -O2 wasm32 + wasm-tools component new, world $world"
  fi
}

# WASI preview 1 programs: clang against Debian's wasi-libc (apt packages wasi-libc and
# libclang-rt-dev-wasm32, from scripts/setup.sh). Debian installs the C library in multiarch
# directories (/usr/include/wasm32-wasi, /usr/lib/wasm32-wasi) that Debian's own clang knows;
# the Swift toolchain's clang wants a sysroot, so build/wasi-sysroot links to them. It has no
# wasm32 compiler-rt of its own either, so the C library and Debian's builtins are linked
# explicitly.
p1_guest() { # NAME: c/p1/<NAME>.c
  local name=$1 tmp="$out/$1.tmp.wasm" sysroot="$out/wasi-sysroot" builtins
  if stale "$out/$name.wasm" "c/p1/$name.c"; then
    builtins=$(ls /usr/lib/llvm-*/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a 2>/dev/null | sort -V | tail -n 1)
    if [ ! -f /usr/lib/wasm32-wasi/libc.a ] || [ -z "$builtins" ]; then
      echo "build.sh: wasi-libc or the wasm32 compiler-rt builtins are missing: run scripts/setup.sh" >&2; exit 1
    fi
    mkdir -p "$sysroot/lib"
    ln -sfn /usr/include/wasm32-wasi "$sysroot/include"
    ln -sfn /usr/lib/wasm32-wasi "$sysroot/lib/wasm32-wasi"
    clang --target=wasm32-wasi --sysroot="$sysroot" -O2 -Wall -Wextra -Werror -nodefaultlibs \
      -o "$tmp" "c/p1/$name.c" -lc "$builtins"
    publish "$tmp" "$name.wasm" "clang -O2 wasm32-wasi + Debian's wasi-libc" module
  fi
}

wat_guest() { # NAME [KIND]: wat/<NAME>.wat
  local name=$1 kind=${2:-component}
  if stale "$out/$name.wasm" "wat/$name.wat"; then
    wasm-tools parse "wat/$name.wat" -o "$out/$name.wasm.tmp"
    publish "$out/$name.wasm.tmp" "$name.wasm" "wasm-tools parse, $kind" "$kind"
  fi
}

python_guest values wit/test values
python_guest host-roundtrip wit/test host-roundtrip
python_guest kv-client wit/kv kv-client
python_guest kv-probe wit/kv-probe kv-probe
python_guest hello wit/hello hello
python_guest net-probe wit/hello hello
python_guest dl-smoke wit/dl-smoke dl-smoke
python_guest http-get wit/http-get http-get
c_guest calc wit/test calc-world
c_guest bench wit/bench bench
c_guest dl-bench wit/dl-bench dl-bench
for wat in answer trap spin grow hostile chain-base chain-top chain-loop chain-mismatch chain-guest; do wat_guest "$wat"; done
for wat in core-module p1-hello core-calc core-env-import; do wat_guest "$wat" module; done
wat_guest wasi03-import
p1_guest wasi-program

# Bad input: the first half of answer.wasm's bytes, and a few bytes of text.
if stale "$out/truncated.wasm" "$out/answer.wasm"; then
  head -c "$(( $(wc -c < "$out/answer.wasm") / 2 ))" "$out/answer.wasm" > "$out/truncated.wasm.tmp"
  if wasm-tools validate "$out/truncated.wasm.tmp" 2>/dev/null; then
    echo "build.sh: truncated.wasm unexpectedly validates" >&2; exit 1
  fi
  mv -f "$out/truncated.wasm.tmp" "$out/truncated.wasm"
  printf 'built %-28s %9s bytes  (%s)\n' "$out/truncated.wasm" "$(wc -c < "$out/truncated.wasm" | tr -d ' ')" "first half of answer.wasm"
fi
if stale "$out/not-wasm.wasm"; then
  printf 'this is not WebAssembly\n' > "$out/not-wasm.wasm"
  printf 'built %-28s %9s bytes  (%s)\n' "$out/not-wasm.wasm" "$(wc -c < "$out/not-wasm.wasm" | tr -d ' ')" "plain text"
fi
