#!/usr/bin/env bash
# Builds every test guest from source into Tests/Guests/build/ with real toolchains:
# componentize-py (Python), clang --target=wasm32 + wasm-tools (C), wasm-tools (WAT).
# Incremental: a guest is rebuilt only when one of its inputs is newer than it.
set -euo pipefail
cd "$(dirname "$0")"
out=build
mkdir -p "$out"

# stale OUTPUT INPUT...: true when OUTPUT is missing or older than any INPUT (files or dirs).
stale() {
  local output=$1; shift
  [ -e "$output" ] || return 0
  [ -n "$(find "$@" -newer "$output" -type f 2>/dev/null | head -n 1)" ]
}

python_guest() { # NAME WIT_DIR WORLD
  local name=$1 wit=$2 world=$3 src="python/${1//-/_}"
  if stale "$out/$name.wasm" "$src" "$wit"; then
    (cd "$src" && componentize-py -q -d "../../$wit" -w "$world" componentize app -o "../../$out/$name.wasm.tmp")
    mv "$out/$name.wasm.tmp" "$out/$name.wasm"
    echo "built $out/$name.wasm (componentize-py, world $world)"
  fi
}

c_guest() { # NAME WIT_DIR WORLD
  local name=$1 wit=$2 world=$3
  if stale "$out/$name.wasm" "c/$name.c" "$wit"; then
    clang --target=wasm32 -nostdlib -O2 -Wl,--no-entry -o "$out/$name.core.wasm" "c/$name.c"
    wasm-tools component embed "$wit" --world "$world" "$out/$name.core.wasm" -o "$out/$name.embed.wasm"
    wasm-tools component new "$out/$name.embed.wasm" -o "$out/$name.wasm"
    rm -f "$out/$name.core.wasm" "$out/$name.embed.wasm"
    echo "built $out/$name.wasm (clang wasm32 + wasm-tools, world $world)"
  fi
}

wat_guest() { # NAME
  if stale "$out/$1.wasm" "wat/$1.wat"; then
    wasm-tools parse "wat/$1.wat" -o "$out/$1.wasm"
    echo "built $out/$1.wasm (wasm-tools parse)"
  fi
}

python_guest hello wit/hello hello
python_guest values wit/test values
python_guest host-roundtrip wit/test host-roundtrip
c_guest calc wit/test calc
c_guest bench wit/bench bench
for wat in answer trap spin grow core-module; do wat_guest "$wat"; done

# Bad input for the tests: a truncated component and a file that is not wasm at all.
if stale "$out/truncated.wasm" "$out/answer.wasm"; then
  head -c "$(( $(wc -c < "$out/answer.wasm") / 2 ))" "$out/answer.wasm" > "$out/truncated.wasm"
  echo "built $out/truncated.wasm (first half of answer.wasm)"
fi
[ -e "$out/not-wasm.wasm" ] || { printf 'this is not WebAssembly\n' > "$out/not-wasm.wasm"; echo "built $out/not-wasm.wasm"; }

for wasm in "$out"/*.wasm; do
  case "$wasm" in */truncated.wasm|*/not-wasm.wasm) continue ;; esac
  wasm-tools validate "$wasm" || { echo "invalid guest: $wasm" >&2; exit 1; }
done
