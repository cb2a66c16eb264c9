"""kv-client.wasm: exercises wasi:keyvalue/store and prints a transcript.

The transcript is the same whatever provides the store, so comparing it across providers
(native plugin, plugin component, RPC plugin) is the end-to-end proof. The "runs" counter
shows that data persists from one run to the next.
"""
import sys

from componentize_py_types import Err
from wit_world import exports
from wit_world.imports import store


def show(label, value):
    print(f"{label}: {value!r}")


class Run(exports.Run):
    def run(self) -> None:
        bucket = store.open(sys.argv[1] if len(sys.argv) > 1 else "demo")
        previous = bucket.get("runs")
        runs = int(previous.decode()) + 1 if previous is not None else 1
        bucket.set("runs", str(runs).encode())
        show("runs", runs)

        bucket.set("greeting", "héllo, wörld 🎉".encode())
        bucket.set("empty", b"")
        bucket.set("binary", bytes(range(256)))
        show("get greeting", bucket.get("greeting").decode())
        show("get empty", bucket.get("empty"))
        show("get binary ok", bucket.get("binary") == bytes(range(256)))
        show("get missing", bucket.get("missing"))
        show("exists greeting", bucket.exists("greeting"))
        bucket.delete("greeting")
        show("exists after delete", bucket.exists("greeting"))
        bucket.delete("never-set")

        for i in range(250):
            bucket.set(f"key-{i:03}", bytes([i]))
        keys, cursor, pages = [], None, 0
        while True:
            response = bucket.list_keys(cursor)
            keys += response.keys
            pages += 1
            cursor = response.cursor
            if cursor is None:
                break
        show("keys", len(keys))
        show("pages", pages)
        show("first keys", sorted(keys)[:3])

        try:
            store.open("")
        except Err as error:
            show("open('') error", type(error.value).__name__)
