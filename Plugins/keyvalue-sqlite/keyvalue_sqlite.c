// wasi:keyvalue/store@0.2.0-draft as a WasmPlug native plugin, over SQLite.
//
//   wasmplug run -P plugin=./libkeyvalue_sqlite.so,path=data.db guest.wasm
//
// Buckets are namespaces in one SQLite table; data persists in the file named by `path`.
// The structs below are the native layouts of the WIT types (docs/native-plugin-abi.md):
// a result or variant is a one-byte discriminant followed by its payload, aligned.
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include "wasmplug_plugin.h"
#include "store_wit.h"  // static const char STORE_WIT[]: wit/store.wit, embedded by build.sh

#define STORE "wasi:keyvalue/store@0.2.0-draft#"
#define PAGE_SIZE 100


enum { ERROR_NO_SUCH_STORE, ERROR_ACCESS_DENIED, ERROR_OTHER };
typedef struct { uint8_t tag; wasmplug_str_t other; } kv_error_t;
typedef struct { uint8_t is_some; uint64_t value; } option_u64_t;
typedef struct { uint8_t is_some; wasmplug_list_t value; } option_bytes_t;
typedef struct { wasmplug_list_t keys; option_u64_t cursor; } key_response_t;

typedef struct { uint8_t is_err; union { uint32_t bucket; kv_error_t error; } v; } open_result_t;
typedef struct { uint8_t is_err; union { option_bytes_t ok; kv_error_t error; } v; } get_result_t;
typedef struct { uint8_t is_err; union { kv_error_t error; } v; } unit_result_t;
typedef struct { uint8_t is_err; union { uint8_t ok; kv_error_t error; } v; } bool_result_t;
typedef struct { uint8_t is_err; union { key_response_t ok; kv_error_t error; } v; } keys_result_t;

typedef struct { wasmplug_str_t identifier; } open_args_t;
typedef struct { uint32_t self; wasmplug_str_t key; } key_args_t;
typedef struct { uint32_t self; wasmplug_str_t key; wasmplug_list_t value; } set_args_t;
typedef struct { uint32_t self; option_u64_t cursor; } list_args_t;

typedef struct {
  const wasmplug_host_t *host;
  sqlite3 *db;
  char **buckets;  // bucket names by representation - 1; NULL once dropped
  uint32_t bucket_count;
} state_t;

static void *create_state(const wasmplug_host_t *host, const wasmplug_config_entry_t *config, size_t count,
                          const char **error) {
  char path[4096] = "";
  for (size_t i = 0; i < count; i++) {
    if (config[i].key.len == 4 && memcmp(config[i].key.ptr, "path", 4) == 0 && config[i].value.len < sizeof path) {
      memcpy(path, config[i].value.ptr, config[i].value.len);
      path[config[i].value.len] = 0;
    }
  }
  if (!path[0]) {
    *error = "needs path=FILE, the SQLite database to keep the data in";
    return NULL;
  }
  state_t *state = calloc(1, sizeof *state);
  state->host = host;
  if (sqlite3_open_v2(path, &state->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK ||
      sqlite3_exec(state->db,
                   "CREATE TABLE IF NOT EXISTS kv (bucket TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL, "
                   "PRIMARY KEY (bucket, key))", NULL, NULL, NULL) != SQLITE_OK) {
    *error = "cannot open the SQLite database at path=";
    sqlite3_close(state->db);
    free(state);
    return NULL;
  }
  return state;
}

static void destroy_state(void *opaque) {
  state_t *state = opaque;
  for (uint32_t i = 0; i < state->bucket_count; i++) free(state->buckets[i]);
  free(state->buckets);
  sqlite3_close(state->db);
  free(state);
}

// error::other with SQLite's message, copied into host memory for the result.
static void sqlite_error(state_t *state, wasmplug_call_t *call, kv_error_t *error) {
  const char *message = sqlite3_errmsg(state->db);
  size_t length = strlen(message);
  char *copy = state->host->alloc(call, length, 1);
  memcpy(copy, message, length);
  error->tag = ERROR_OTHER;
  error->other = (wasmplug_str_t){copy, length};
}

static const char *bucket_name(state_t *state, uint32_t rep) {
  return rep >= 1 && rep <= state->bucket_count ? state->buckets[rep - 1] : NULL;
}

// Prepares `sql` with the bucket and, when given, the key bound as parameters 1 and 2.
static sqlite3_stmt *prepare(state_t *state, const char *sql, const char *bucket, const wasmplug_str_t *key) {
  sqlite3_stmt *statement = NULL;
  if (sqlite3_prepare_v2(state->db, sql, -1, &statement, NULL) != SQLITE_OK) return NULL;
  sqlite3_bind_text(statement, 1, bucket, -1, SQLITE_STATIC);
  if (key) sqlite3_bind_text(statement, 2, key->ptr, (int)key->len, SQLITE_STATIC);
  return statement;
}

static int32_t store_open(void *opaque, wasmplug_call_t *call, const void *a, void *r) {
  (void)call;
  state_t *state = opaque;
  const open_args_t *args = a;
  open_result_t *result = r;
  if (args->identifier.len == 0) {
    result->is_err = 1;
    result->v.error.tag = ERROR_NO_SUCH_STORE;
    return 0;
  }
  char *name = malloc(args->identifier.len + 1);
  memcpy(name, args->identifier.ptr, args->identifier.len);
  name[args->identifier.len] = 0;
  state->buckets = realloc(state->buckets, (state->bucket_count + 1) * sizeof *state->buckets);
  state->buckets[state->bucket_count++] = name;
  result->v.bucket = state->bucket_count;
  return 0;
}

static int32_t bucket_get(void *opaque, wasmplug_call_t *call, const void *a, void *r) {
  state_t *state = opaque;
  const key_args_t *args = a;
  get_result_t *result = r;
  const char *bucket = bucket_name(state, args->self);
  if (!bucket) return 1;
  sqlite3_stmt *statement = prepare(state, "SELECT value FROM kv WHERE bucket = ?1 AND key = ?2", bucket, &args->key);
  int step = statement ? sqlite3_step(statement) : SQLITE_ERROR;
  if (step == SQLITE_ROW) {
    int size = sqlite3_column_bytes(statement, 0);
    void *bytes = state->host->alloc(call, (size_t)size, 1);
    if (size > 0) memcpy(bytes, sqlite3_column_blob(statement, 0), (size_t)size);
    result->v.ok = (option_bytes_t){1, {bytes, (size_t)size}};
  } else if (step != SQLITE_DONE) {
    result->is_err = 1;
    sqlite_error(state, call, &result->v.error);
  }
  sqlite3_finalize(statement);
  return 0;
}

// set, delete and exists: one statement each, run the same way.
static int32_t run_statement(state_t *state, wasmplug_call_t *call, const char *sql, const key_args_t *args,
                             const wasmplug_list_t *value, uint8_t is_err_out[1], kv_error_t *error, uint8_t *found) {
  const char *bucket = bucket_name(state, args->self);
  if (!bucket) return 1;
  sqlite3_stmt *statement = prepare(state, sql, bucket, &args->key);
  if (statement && value) sqlite3_bind_blob(statement, 3, value->ptr ? value->ptr : "", (int)value->len, SQLITE_STATIC);
  int step = statement ? sqlite3_step(statement) : SQLITE_ERROR;
  if (found) *found = step == SQLITE_ROW;
  if (step != SQLITE_ROW && step != SQLITE_DONE) {
    *is_err_out = 1;
    sqlite_error(state, call, error);
  }
  sqlite3_finalize(statement);
  return 0;
}

static int32_t bucket_set(void *opaque, wasmplug_call_t *call, const void *a, void *r) {
  const set_args_t *args = a;
  unit_result_t *result = r;
  key_args_t key = {args->self, args->key};
  return run_statement(opaque, call, "INSERT OR REPLACE INTO kv (bucket, key, value) VALUES (?1, ?2, ?3)", &key,
                       &args->value, &result->is_err, &result->v.error, NULL);
}

static int32_t bucket_delete(void *opaque, wasmplug_call_t *call, const void *a, void *r) {
  unit_result_t *result = r;
  return run_statement(opaque, call, "DELETE FROM kv WHERE bucket = ?1 AND key = ?2", a, NULL, &result->is_err,
                       &result->v.error, NULL);
}

static int32_t bucket_exists(void *opaque, wasmplug_call_t *call, const void *a, void *r) {
  bool_result_t *result = r;
  return run_statement(opaque, call, "SELECT 1 FROM kv WHERE bucket = ?1 AND key = ?2", a, NULL, &result->is_err,
                       &result->v.error, &result->v.ok);
}

// Keys in order, PAGE_SIZE at a time; the cursor is the offset of the next page.
static int32_t bucket_list_keys(void *opaque, wasmplug_call_t *call, const void *a, void *r) {
  state_t *state = opaque;
  const list_args_t *args = a;
  keys_result_t *result = r;
  const char *bucket = bucket_name(state, args->self);
  if (!bucket) return 1;
  uint64_t offset = args->cursor.is_some ? args->cursor.value : 0;
  sqlite3_stmt *statement = prepare(state, "SELECT key FROM kv WHERE bucket = ?1 ORDER BY key LIMIT ?2 OFFSET ?3", bucket, NULL);
  if (statement) {
    sqlite3_bind_int(statement, 2, PAGE_SIZE + 1);  // one more tells whether another page follows
    sqlite3_bind_int64(statement, 3, (sqlite3_int64)offset);
  }
  wasmplug_str_t *keys = state->host->alloc(call, PAGE_SIZE * sizeof *keys, _Alignof(wasmplug_str_t));
  size_t count = 0;
  int step;
  while (statement && (step = sqlite3_step(statement)) == SQLITE_ROW) {
    if (count == PAGE_SIZE) {
      result->v.ok.cursor = (option_u64_t){1, offset + PAGE_SIZE};
      break;
    }
    size_t length = (size_t)sqlite3_column_bytes(statement, 0);
    char *key = state->host->alloc(call, length, 1);
    memcpy(key, sqlite3_column_text(statement, 0), length);
    keys[count++] = (wasmplug_str_t){key, length};
  }
  if (!statement || (step != SQLITE_ROW && step != SQLITE_DONE)) {
    result->is_err = 1;
    sqlite_error(state, call, &result->v.error);
  } else {
    result->v.ok.keys = (wasmplug_list_t){keys, count};
  }
  sqlite3_finalize(statement);
  return 0;
}

static void bucket_drop(void *opaque, uint32_t rep) {
  state_t *state = opaque;
  if (bucket_name(state, rep)) {
    free(state->buckets[rep - 1]);
    state->buckets[rep - 1] = NULL;
  }
}

static const wasmplug_function_t functions[] = {
  {STORE "open", store_open},
  {STORE "[method]bucket.get", bucket_get},
  {STORE "[method]bucket.set", bucket_set},
  {STORE "[method]bucket.delete", bucket_delete},
  {STORE "[method]bucket.exists", bucket_exists},
  {STORE "[method]bucket.list-keys", bucket_list_keys},
};
static const wasmplug_resource_t resources[] = {{STORE "bucket", bucket_drop}};
static const wasmplug_config_key_t config_keys[] = {{"path", "the SQLite database file that keeps the data (created if missing)"}};

static const wasmplug_plugin_t descriptor = {
  .abi_version = WASMPLUG_ABI_VERSION,
  .size = sizeof(wasmplug_plugin_t),
  .name = "keyvalue-sqlite",
  .version = "0.1.0",
  .wit = STORE_WIT,
  .world = "keyvalue-sqlite",
  .functions = functions,
  .function_count = sizeof functions / sizeof functions[0],
  .resources = resources,
  .resource_count = 1,
  .config_keys = config_keys,
  .config_key_count = 1,
  .create_state = create_state,
  .destroy_state = destroy_state,
};

const wasmplug_plugin_t *wasmplug_plugin_descriptor(void) { return &descriptor; }
