#!/usr/bin/env bash
# The demo: builds wasmplug and real guest components, then runs a Python component that
# prints through WASI and calls a C component's exports with --invoke.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product wasmplug
bash Tests/Guests/build.sh
bash Plugins/keyvalue-sqlite/build.sh
wasmplug=.build/debug/wasmplug
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
echo "a file the host shared" > "$data/input.txt"
export WASMPLUG_CACHE_DIR="${WASMPLUG_CACHE_DIR:-$PWD/.build/demo-cache}"

step() { printf '\n$ %s\n' "$*"; "$@"; }
step "$wasmplug" inspect Tests/Guests/build/calc.wasm
step "$wasmplug" run --env GREETING=bonjour --dir "$data::/data" Tests/Guests/build/hello.wasm first "second arg"
step "$wasmplug" run --invoke 'add(40, 2)' Tests/Guests/build/calc.wasm
step "$wasmplug" run --invoke 'greet("wörld")' Tests/Guests/build/calc.wasm
step "$wasmplug" run --invoke 'echo-shape({name: "tri", corners: [{x: 0, y: 0, label: "a"}], origin: none})' Tests/Guests/build/values.wasm
plugin=Plugins/keyvalue-sqlite/build/libkeyvalue_sqlite.so
step "$wasmplug" plugin inspect "$plugin"
step "$wasmplug" run -P "plugin=$plugin,path=$data/kv.db" Tests/Guests/build/kv-client.wasm
step "$wasmplug" run -P "plugin=$plugin,path=$data/kv.db" Tests/Guests/build/kv-client.wasm
printf '\n$ %s\n' "$wasmplug run --fuel 100000 --invoke 'spin()' Tests/Guests/build/spin.wasm"
"$wasmplug" run --fuel 100000 --invoke 'spin()' Tests/Guests/build/spin.wasm || echo "(exit status $?)"
