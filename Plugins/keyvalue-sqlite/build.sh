#!/usr/bin/env bash
# Builds libkeyvalue_sqlite.so (into build/ beside this script) against the system's
# libsqlite3 (Debian: libsqlite3-dev, installed by scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p build
if [ ! -e build/libkeyvalue_sqlite.so ] || [ -n "$(find keyvalue_sqlite.c wit ../../Sources/CWasmPlugPlugin/include -newer build/libkeyvalue_sqlite.so -type f)" ]; then
  bash ../../scripts/embed-wit.sh wit/store.wit STORE_WIT build/store_wit.h
  ${CC:-cc} -shared -fPIC -O2 -Wall -Wextra -Werror -I ../../Sources/CWasmPlugPlugin/include -I build \
    -o build/libkeyvalue_sqlite.so keyvalue_sqlite.c -lsqlite3
  echo "built Plugins/keyvalue-sqlite/build/libkeyvalue_sqlite.so"
fi
