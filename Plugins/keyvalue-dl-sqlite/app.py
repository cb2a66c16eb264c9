"""wasi:keyvalue/store@0.2.0-draft as a trusted plugin component over the host's libsqlite3.

    wasmplug run -P component=keyvalue-dl-sqlite.wasm,trusted,dl-policy=policy.toml app.wasm

The component calls libsqlite3.so.0 through typed native imports (the interface `sqlite` of
wit/world.wit, which policy.toml binds to SQLite's functions), and takes the host memory that
SQLite's out-parameters are written to from wasi:dl. It behaves like the native plugin
Plugins/keyvalue-sqlite: buckets are namespaces in one table `kv`, keys are listed 100 at a time
(the cursor is the offset of the next page), and SQLite's failures are `other` errors with
SQLite's message. A wasi:dl refusal is an `other` error with the host's message.

The database is the file named by the environment variable KEYVALUE_SQLITE_PATH, opened by
the host's libsqlite3 (so relative to the host's working directory, outside WASI's preopens);
without it the data lives in memory for the run.
"""
import os

from componentize_py_types import Err
from wit_world import exports
from wit_world.exports import store
from wit_world.imports import dl, sqlite

PATH_VARIABLE = "KEYVALUE_SQLITE_PATH"
PAGE_SIZE = 100

SQLITE_OK, SQLITE_ROW, SQLITE_DONE = 0, 100, 101
SQLITE_OPEN_READWRITE, SQLITE_OPEN_CREATE = 0x2, 0x4
# (sqlite3_destructor_type)-1: SQLite copies a bound value before the call returns.
SQLITE_TRANSIENT = (1 << 64) - 1

SCHEMA = ("CREATE TABLE IF NOT EXISTS kv (bucket TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL, "
          "PRIMARY KEY (bucket, key))")


class SQLiteError(Exception):
    """A failure to report as the store's `other` error."""


def out_pointer(call):
    """The pointer `call(address)` writes to the host memory at `address`."""
    cell = dl.Alloc.with_layout([dl.CType_Pointer()])
    return call(cell.address()), cell.read(0).value


class SQLite:
    """One connection."""

    def __init__(self, path):
        status, self.db = out_pointer(
            lambda address: sqlite.open_v2(path, address, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, 0))
        if status != SQLITE_OK:
            raise SQLiteError(f"cannot open the SQLite database {path}: {self.error_message()}")
        if sqlite.exec(self.db, SCHEMA, 0, 0, 0) != SQLITE_OK:
            raise SQLiteError(self.error_message())

    def error_message(self):
        return sqlite.errmsg(self.db) or "unknown SQLite error"

    def rows(self, sql, *parameters):
        """The rows of `sql` with `parameters` bound as ?1, ?2...: each row's columns as text."""
        status, statement = out_pointer(lambda address: sqlite.prepare_v2(self.db, sql, -1, address, 0))
        if status != SQLITE_OK:
            raise SQLiteError(self.error_message())
        try:
            columns = sqlite.column_count(statement)
            for index, value in enumerate(parameters, start=1):
                self.bind(statement, index, value)
            rows = []
            while (step := sqlite.step(statement)) == SQLITE_ROW:
                rows.append([sqlite.column_text(statement, column) for column in range(columns)])
            if step != SQLITE_DONE:
                raise SQLiteError(self.error_message())
            return rows
        finally:
            sqlite.finalize(statement)

    def bind(self, statement, index, value):
        if isinstance(value, int):
            status = sqlite.bind_int64(statement, index, value)
        elif isinstance(value, str):
            status = sqlite.bind_text(statement, index, value, -1, SQLITE_TRANSIENT)
        else:
            status = sqlite.bind_blob(statement, index, value, len(value), SQLITE_TRANSIENT)
        if status != SQLITE_OK:
            raise SQLiteError(self.error_message())


def failing_as_store_errors(method):
    """Runs `method`, turning SQLite failures and wasi:dl refusals into the store's `other` error."""
    def wrapper(*args):
        try:
            return method(*args)
        except SQLiteError as error:
            raise Err(store.Error_Other(str(error)))
        except Err as error:
            if isinstance(error.value, store.Error_NoSuchStore | store.Error_AccessDenied | store.Error_Other):
                raise
            raise Err(store.Error_Other(f"wasi:dl: {error.value.value}"))
    return wrapper


class Bucket(store.Bucket):
    def __init__(self, database, name):
        self.database = database
        self.name = name

    @failing_as_store_errors
    def get(self, key):
        # hex() returns the blob as text, which sqlite3_column_text hands over as a string.
        rows = self.database.rows("SELECT hex(value) FROM kv WHERE bucket = ?1 AND key = ?2", self.name, key)
        return bytes.fromhex(rows[0][0]) if rows else None

    @failing_as_store_errors
    def set(self, key, value):
        self.database.rows("INSERT OR REPLACE INTO kv (bucket, key, value) VALUES (?1, ?2, ?3)", self.name, key,
                           bytes(value))

    @failing_as_store_errors
    def delete(self, key):
        self.database.rows("DELETE FROM kv WHERE bucket = ?1 AND key = ?2", self.name, key)

    @failing_as_store_errors
    def exists(self, key):
        return bool(self.database.rows("SELECT 1 FROM kv WHERE bucket = ?1 AND key = ?2", self.name, key))

    @failing_as_store_errors
    def list_keys(self, cursor):
        offset = cursor or 0
        # One more row than a page tells whether another page follows.
        rows = self.database.rows("SELECT key FROM kv WHERE bucket = ?1 ORDER BY key LIMIT ?2 OFFSET ?3", self.name,
                                  PAGE_SIZE + 1, offset)
        more = len(rows) > PAGE_SIZE
        return store.KeyResponse([row[0] for row in rows[:PAGE_SIZE]], offset + PAGE_SIZE if more else None)


class Store(exports.Store):
    database = None

    @failing_as_store_errors
    def open(self, identifier):
        if not identifier:
            raise Err(store.Error_NoSuchStore())
        if Store.database is None:
            Store.database = SQLite(os.environ.get(PATH_VARIABLE, ":memory:"))
        return Bucket(Store.database, identifier)
