"""kv-probe.wasm: `try-open(identifier)` opens a wasi:keyvalue/store bucket and describes the
outcome, `ok` or the store's error with its message, so a test can see a provider's errors.
"""
from componentize_py_types import Err
import wit_world
from wit_world.imports import store


class WitWorld(wit_world.WitWorld):
    def try_open(self, identifier: str) -> str:
        try:
            store.open(identifier)
            return "ok"
        except Err as error:
            return repr(error.value)
