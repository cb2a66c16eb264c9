#!/usr/bin/env bash
# The demo: builds wasmplug and real guest components, runs a Python component that prints
# through WASI, calls a C component's exports with --invoke, then runs the key-value guest
# against every kind of plugin: native (in process and isolated), RPC (Unix socket, and Redis
# over TCP and over NATS), and a trusted plugin component using wasi:dl (linked at run time, and composed);
# then the key-value runs from one run configuration file, with plugins found by name.
#
#   bash scripts/demo.sh           # the release build, which is what users run
#   bash scripts/demo.sh debug     # the same demo against the debug build
set -euo pipefail
cd "$(dirname "$0")/.."
configuration=${1:-release}
case $configuration in
  debug|release) ;;
  *) echo "demo: unknown build configuration '$configuration'; write debug or release" >&2; exit 2 ;;
esac
bash scripts/setup.sh   # idempotent, quick when everything is installed
swift build -c "$configuration" --product wasmplug
swift build -c "$configuration" --product wasmplug-keyvalue-redis
bin=.build/$configuration
bash Tests/Guests/build.sh
bash Plugins/keyvalue-sqlite/build.sh
bash Plugins/keyvalue-dl-sqlite/build.sh
wasmplug=$bin/wasmplug
data=$(mktemp -d)
servers=()
trap 'kill "${servers[@]}" 2>/dev/null; rm -rf "$data"' EXIT
echo "a file the host shared" > "$data/input.txt"
export WASMPLUG_CACHE_DIR="${WASMPLUG_CACHE_DIR:-$PWD/.build/demo-cache}"

step() { printf '\n$ %s\n' "$*"; "$@"; }
# ready SOCKET|PORT: waits (up to 10 s) until a server listens on the Unix socket or local TCP port.
ready() {
  for _ in $(seq 100); do
    if [ -S "$1" ] || { [[ $1 =~ ^[0-9]+$ ]] && (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }; then return; fi
    sleep 0.1
  done
  echo "demo: nothing listens on $1" >&2; exit 1
}
# serving LOG: waits (up to 10 s) until the plugin logging to LOG says it is serving, and shows that line.
serving() {
  for _ in $(seq 100); do
    if grep -q "^serving " "$1"; then grep "^serving " "$1"; return; fi
    sleep 0.1
  done
  echo "demo: the plugin did not start:" >&2; cat "$1" >&2; exit 1
}
step "$wasmplug" inspect Tests/Guests/build/calc.wasm
step "$wasmplug" run --env GREETING=bonjour --dir "$data::/data" Tests/Guests/build/hello.wasm first "second arg"
step "$wasmplug" run --invoke 'add(40, 2)' Tests/Guests/build/calc.wasm
step "$wasmplug" run --invoke 'greet("wörld")' Tests/Guests/build/calc.wasm
step "$wasmplug" run --invoke 'echo-shape({name: "tri", corners: [{x: 0, y: 0, label: "a"}], origin: none})' Tests/Guests/build/values.wasm
plugin=Plugins/keyvalue-sqlite/build/libkeyvalue_sqlite.so
step "$wasmplug" plugin inspect "$plugin"
step "$wasmplug" run -P "plugin=$plugin,path=$data/kv.db" Tests/Guests/build/kv-client.wasm
step "$wasmplug" run -P "plugin=$plugin,path=$data/kv.db" Tests/Guests/build/kv-client.wasm

# The same guest against RPC plugins in other processes: the SQLite library served over a
# Unix socket, then wasi:keyvalue kept in a real Redis, reached over TCP.
printf '\n$ %s\n' "$wasmplug plugin serve --protocol wrpc+unix --target $data/kv.sock $plugin,path=$data/rpc.db &"
"$wasmplug" plugin serve --protocol wrpc+unix --target "$data/kv.sock" "$plugin,path=$data/rpc.db" & servers+=($!)
ready "$data/kv.sock"
step "$wasmplug" run -P protocol=wrpc+unix -P target="$data/kv.sock" -P import=wasi:keyvalue Tests/Guests/build/kv-client.wasm
redis_port=$((20000 + RANDOM % 20000)); rpc_port=$((redis_port + 1))
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >/dev/null & servers+=($!)
ready "$redis_port"
printf '\n$ %s\n' "$bin/wasmplug-keyvalue-redis --target 127.0.0.1:$rpc_port --redis 127.0.0.1:$redis_port &"
$bin/wasmplug-keyvalue-redis --target "127.0.0.1:$rpc_port" --redis "127.0.0.1:$redis_port" >"$data/tcp-plugin.log" 2>&1 & servers+=($!)
serving "$data/tcp-plugin.log"
step "$wasmplug" run -P target="127.0.0.1:$rpc_port" -P import=wasi:keyvalue Tests/Guests/build/kv-client.wasm

# The same Redis-backed plugin reached over NATS, as when plugins live on other machines: the
# plugin subscribes to its functions' subjects on a real nats-server, and the guest's calls go
# there (the store is the Redis above, so it sees what the last run wrote).
nats_port=$((rpc_port + 1))
nats-server -a 127.0.0.1 -p "$nats_port" >/dev/null 2>&1 & servers+=($!)
ready "$nats_port"
printf '\n$ %s\n' "$bin/wasmplug-keyvalue-redis --protocol wrpc+nats --target 127.0.0.1:$nats_port --prefix demo --redis 127.0.0.1:$redis_port &"
$bin/wasmplug-keyvalue-redis --protocol wrpc+nats --target "127.0.0.1:$nats_port" --prefix demo \
  --redis "127.0.0.1:$redis_port" >"$data/nats-plugin.log" 2>&1 & servers+=($!)
serving "$data/nats-plugin.log"
step "$wasmplug" run -P protocol=wrpc+nats,target="127.0.0.1:$nats_port",prefix=demo,import=wasi:keyvalue/store Tests/Guests/build/kv-client.wasm

# The same guest once more, with the library in a child process: a crash there only traps.
step "$wasmplug" run -P "plugin=$plugin,path=$data/kv.db,isolate=process" Tests/Guests/build/kv-client.wasm

# A trusted plugin component (Python) that reaches libsqlite3 through wasi:dl, under a policy:
# linked at run time, then composed with the guest into one component.
dl=Plugins/keyvalue-dl-sqlite
step "$wasmplug" run -P "component=$dl/build/keyvalue-dl-sqlite.wasm,trusted,dl-policy=$dl/policy.toml" \
  --env "KEYVALUE_SQLITE_PATH=$data/dl.db" Tests/Guests/build/kv-client.wasm
step "$wasmplug" compose Tests/Guests/build/kv-client.wasm --plug "$dl/build/keyvalue-dl-sqlite.wasm" -o "$data/app.wasm"
step "$wasmplug" run --trust-dl-policy "$dl/policy.toml" "$data/app.wasm"
# The key-value runs once more from one run configuration file (docs/configuration.md): both
# plugins found by name on WASMPLUG_PLUGIN_PATH, and [routes] choosing the one that serves
# wasi:keyvalue (both offer it); a flag overrides the file. Then one import routed to the
# RPC plugin above by URL, the RFC thread's form.
mkdir -p "$data/plugins"
cp "$plugin" "$dl/build/keyvalue-dl-sqlite.wasm" "$data/plugins/"
export WASMPLUG_PLUGIN_PATH="$data/plugins"
step "$wasmplug" plugin list
cat > "$data/app.toml" <<TOML
[[plugin]]
plugin = "keyvalue-sqlite"
path = "$data/kv.db"

[[plugin]]
plugin = "keyvalue-dl-sqlite"
trusted = true
dl-policy = "$dl/policy.toml"

[routes]
"wasi:keyvalue" = "keyvalue-sqlite"

[env]
KEYVALUE_SQLITE_PATH = "$data/dl.db"

[wasm]
timeout = "60s"
TOML
step cat "$data/app.toml"
step "$wasmplug" inspect --config "$data/app.toml" Tests/Guests/build/kv-client.wasm
step "$wasmplug" run --config "$data/app.toml" Tests/Guests/build/kv-client.wasm
step "$wasmplug" run --config "$data/app.toml" -P prefer=wasi:keyvalue=keyvalue-dl-sqlite Tests/Guests/build/kv-client.wasm
step "$wasmplug" run -P "import=wasi:keyvalue=wrpc+unix://$data/kv.sock" Tests/Guests/build/kv-client.wasm
printf '\n$ %s\n' "$wasmplug run --fuel 100000 --invoke 'spin()' Tests/Guests/build/spin.wasm"
"$wasmplug" run --fuel 100000 --invoke 'spin()' Tests/Guests/build/spin.wasm || echo "(exit status $?)"
