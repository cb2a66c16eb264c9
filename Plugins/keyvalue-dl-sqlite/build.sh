#!/usr/bin/env bash
# Builds build/keyvalue-dl-sqlite.wasm (beside this script) from app.py with componentize-py:
# a trusted plugin component that serves wasi:keyvalue/store through wasi:dl and libsqlite3.
# Rebuilt only when app.py, the WIT (deps included) or this script is newer than it.
set -euo pipefail
cd "$(dirname "$0")"
command -v componentize-py >/dev/null || { echo "build.sh: componentize-py not found on PATH: run scripts/setup.sh" >&2; exit 1; }
out=build/keyvalue-dl-sqlite.wasm
mkdir -p build
if [ ! -e "$out" ] || [ -n "$(find -L app.py wit build.sh -newer "$out" -type f)" ]; then
  componentize-py -q -d wit -w keyvalue-dl-sqlite componentize app -o "$out.tmp"
  wasm-tools validate "$out.tmp"
  mv -f "$out.tmp" "$out"
  echo "built Plugins/keyvalue-dl-sqlite/$out"
fi
