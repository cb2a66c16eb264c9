#!/usr/bin/env bash
# embed-wit.sh INPUT.wit NAME OUTPUT.h: writes a C header defining `static const char NAME[]`
# with the WIT document's text, so a native plugin's descriptor carries the WIT file as is.
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 INPUT.wit NAME OUTPUT.h" >&2; exit 2; }
python3 - "$1" "$2" > "$3.tmp" <<'PY'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
print(f"static const char {sys.argv[2]}[] = {json.dumps(text)};")
PY
mv "$3.tmp" "$3"
