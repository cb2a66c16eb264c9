"""wasi:keyvalue/store@0.2.0-draft as a trusted plugin component over the host's libsqlite3.

    wasmplug run -P component=keyvalue-dl-sqlite.wasm,trusted,dl-policy=policy.toml app.wasm

The component reaches libsqlite3.so.0 through wasi:dl only (policy.toml lists the functions it
uses) and behaves like the native plugin Plugins/keyvalue-sqlite: buckets are namespaces in one
table `kv`, keys are listed 100 at a time (the cursor is the offset of the next page), and
SQLite's failures are `other` errors with SQLite's message. A wasi:dl refusal (the policy does
not allow something) is an `other` error with the host's message.

The database is the file named by the environment variable KEYVALUE_SQLITE_PATH, opened by
the host's libsqlite3 (so relative to the host's working directory, outside WASI's preopens);
without it the data lives in memory for the run.
"""
import os

from componentize_py_types import Err
from wit_world import exports
from wit_world.exports import store
from wit_world.imports import dl

LIBRARY = "libsqlite3.so.0"
PATH_VARIABLE = "KEYVALUE_SQLITE_PATH"
PAGE_SIZE = 100

SQLITE_OK, SQLITE_ROW, SQLITE_DONE = 0, 100, 101
SQLITE_OPEN_READWRITE, SQLITE_OPEN_CREATE = 0x2, 0x4
# (sqlite3_destructor_type)-1: SQLite copies a bound value before the call returns.
SQLITE_TRANSIENT = (1 << 64) - 1

INT, INT64, POINTER, TEXT = dl.CType_Sint32(), dl.CType_Sint64(), dl.CType_Pointer(), dl.CType_Cstring()

# The libsqlite3 functions used, as (parameters, result); policy.toml pins the same signatures.
SIGNATURES = {
    "sqlite3_open_v2": ([TEXT, POINTER, INT, POINTER], INT),
    "sqlite3_exec": ([POINTER, TEXT, POINTER, POINTER, POINTER], INT),
    "sqlite3_errmsg": ([POINTER], TEXT),
    "sqlite3_prepare_v2": ([POINTER, TEXT, INT, POINTER, POINTER], INT),
    "sqlite3_bind_text": ([POINTER, INT, TEXT, INT, POINTER], INT),
    "sqlite3_bind_blob": ([POINTER, INT, POINTER, INT, POINTER], INT),
    "sqlite3_bind_int64": ([POINTER, INT, INT64], INT),
    "sqlite3_step": ([POINTER], INT),
    "sqlite3_column_count": ([POINTER], INT),
    "sqlite3_column_text": ([POINTER, INT], TEXT),
    "sqlite3_finalize": ([POINTER], INT),
}

SCHEMA = ("CREATE TABLE IF NOT EXISTS kv (bucket TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL, "
          "PRIMARY KEY (bucket, key))")


class SQLiteError(Exception):
    """A failure to report as the store's `other` error."""


class SQLite:
    """One connection, through wasi:dl."""

    def __init__(self, path):
        library = dl.Library.open(LIBRARY, dl.OpenFlags.NOW)
        self.functions = {name: dl.Function.create(library.symbol(name), params, result)
                          for name, (params, result) in SIGNATURES.items()}
        out = dl.Alloc.with_layout([POINTER])
        status = self.call("sqlite3_open_v2", dl.CValue_Cstring(path), dl.CValue_Pointer(out.address()),
                           dl.CValue_Sint32(SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE), dl.CValue_Pointer(0))
        self.db = out.read(0).value
        if status != SQLITE_OK:
            raise SQLiteError(f"cannot open the SQLite database {path}: {self.error_message()}")
        if self.call("sqlite3_exec", self.pointer, dl.CValue_Cstring(SCHEMA), *[dl.CValue_Pointer(0)] * 3) != SQLITE_OK:
            raise SQLiteError(self.error_message())

    @property
    def pointer(self):
        return dl.CValue_Pointer(self.db)

    def call(self, name, *args):
        return self.functions[name].call(list(args)).value

    def error_message(self):
        return self.call("sqlite3_errmsg", self.pointer) or "unknown SQLite error"

    def rows(self, sql, *parameters):
        """The rows of `sql` with `parameters` bound as ?1, ?2...: each row's columns as text."""
        out = dl.Alloc.with_layout([POINTER])
        if self.call("sqlite3_prepare_v2", self.pointer, dl.CValue_Cstring(sql), dl.CValue_Sint32(-1),
                     dl.CValue_Pointer(out.address()), dl.CValue_Pointer(0)) != SQLITE_OK:
            raise SQLiteError(self.error_message())
        statement = dl.CValue_Pointer(out.read(0).value)
        try:
            columns = self.call("sqlite3_column_count", statement)
            for index, value in enumerate(parameters, start=1):
                self.bind(statement, index, value)
            rows = []
            while (step := self.call("sqlite3_step", statement)) == SQLITE_ROW:
                rows.append([self.call("sqlite3_column_text", statement, dl.CValue_Sint32(column)) or ""
                             for column in range(columns)])
            if step != SQLITE_DONE:
                raise SQLiteError(self.error_message())
            return rows
        finally:
            self.call("sqlite3_finalize", statement)

    def bind(self, statement, index, value):
        position = dl.CValue_Sint32(index)
        if isinstance(value, int):
            status = self.call("sqlite3_bind_int64", statement, position, dl.CValue_Sint64(value))
        elif isinstance(value, str):
            status = self.call("sqlite3_bind_text", statement, position, dl.CValue_Cstring(value),
                               dl.CValue_Sint32(-1), dl.CValue_Pointer(SQLITE_TRANSIENT))
        else:
            memory = dl.Alloc.with_size(max(len(value), 1))
            if value:
                memory.write_bytes(0, value)
            status = self.call("sqlite3_bind_blob", statement, position, dl.CValue_Pointer(memory.address()),
                               dl.CValue_Sint32(len(value)), dl.CValue_Pointer(SQLITE_TRANSIENT))
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
