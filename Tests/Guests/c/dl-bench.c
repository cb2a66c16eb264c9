// dl-bench.wasm: loops of calls to C functions, through wasi:dl (libffi on the host), through
// a native plugin serving the same functions and as typed native imports, for `wasmplug bench`.
// The wasi:dl calls use the canonical ABI by hand; the layouts are those of wit/dl/dl.wit.
#include <stddef.h>
#include <stdint.h>

#define HEAP_SIZE (1 << 20)
#include "cabi_realloc.h"

#define DL "wasi:dl/dl@0.1.0-draft"
#define IMPORT(module, name) __attribute__((import_module(module), import_name(name)))

// c-type and c-value case numbers (their order in dl.wit).
enum { SINT32 = 4, UINT64 = 7, CSTRING = 12 };

// result<handle, error>: the error (a variant of strings) sits at offset 4.
typedef struct { uint8_t is_err; uint32_t handle_or_case; const char *message; size_t length; } handle_result;

// c-type: a case number and a list payload (unused here).
typedef struct { uint8_t kind; const void *ptr; size_t len; } c_type;

// c-value: a case number, then a payload aligned to 8 (24 bytes in all).
typedef struct {
  uint8_t kind;
  union {
    int32_t s32;
    uint64_t u64;
    struct { uint8_t is_some; const char *ptr; size_t len; } cstring;
  } of;
} c_value;

// result<c-value, error>: the payload at offset 8.
typedef struct {
  uint8_t is_err;
  union {
    c_value ok;
    struct { uint8_t kind; const char *message; size_t length; } err;
  } of;
} call_result;

_Static_assert(sizeof(c_value) == 24, "c-value is 24 bytes");
_Static_assert(sizeof(call_result) == 32, "result<c-value, error> is 32 bytes");

IMPORT(DL, "[static]library.open") extern void dl_open(const char *, size_t, uint32_t flags, handle_result *);
IMPORT(DL, "[method]library.symbol") extern void dl_symbol(uint32_t, const char *, size_t, handle_result *);
IMPORT(DL, "[static]function.create")
extern void dl_create(uint32_t symbol, const c_type *, size_t, uint32_t, const void *, size_t, handle_result *);
IMPORT(DL, "[method]function.call") extern void dl_call(uint32_t, const c_value *, size_t, call_result *);
IMPORT(DL, "[resource-drop]library") extern void dl_drop_library(uint32_t);
IMPORT(DL, "[resource-drop]symbol") extern void dl_drop_symbol(uint32_t);
IMPORT(DL, "[resource-drop]function") extern void dl_drop_function(uint32_t);

// result<s64, string>, the runner's answer.
static struct { uint8_t is_err; union { int64_t ok; struct { const char *ptr; size_t len; } err; } of; } answer;

static void *succeed(int64_t value) {
  heap_used = 0;  // nothing allocated during the call is needed any more
  answer.is_err = 0;
  answer.of.ok = value;
  return &answer;
}

static void *fail(const char *message, size_t length) {
  answer.is_err = 1;
  answer.of.err.ptr = message;
  answer.of.err.len = length;
  return &answer;
}

static char *text_of_size(uint32_t size) {
  char *text = cabi_realloc(NULL, 0, 1, size + 1);
  for (uint32_t i = 0; i < size; i++) text[i] = 'a' + (char)(i % 26);
  text[size] = 0;
  return text;
}

// Opens `library`, finds `name` and makes a function of it; 0 and `answer` set on failure.
static uint32_t prepare(const char *library, size_t library_length, const char *name, size_t name_length,
                        const c_type *params, size_t param_count, uint8_t returns, uint32_t handles[2]) {
  handle_result r;
  dl_open(library, library_length, 0, &r);
  if (r.is_err) return fail(r.message, r.length), 0;
  handles[0] = r.handle_or_case;
  dl_symbol(handles[0], name, name_length, &r);
  if (r.is_err) return fail(r.message, r.length), 0;
  handles[1] = r.handle_or_case;
  dl_create(handles[1], params, param_count, returns, NULL, 0, &r);
  if (r.is_err) return fail(r.message, r.length), 0;
  return r.handle_or_case;
}

static void release(uint32_t function, uint32_t handles[2]) {
  dl_drop_function(function);
  dl_drop_symbol(handles[1]);
  dl_drop_library(handles[0]);
}

// Calls `function` `n` times with `args`, summing the results (uint64 when `is_unsigned`, else sint32).
static void *call_loop(uint32_t function, uint32_t handles[2], const c_value *args, size_t count, uint32_t n, int is_unsigned) {
  int64_t total = 0;
  call_result r;
  for (uint32_t i = 0; i < n; i++) {
    dl_call(function, args, count, &r);
    if (r.is_err) return fail(r.of.err.message, r.of.err.length);
    total += is_unsigned ? (int64_t)r.of.ok.of.u64 : r.of.ok.of.s32;
  }
  release(function, handles);
  return succeed(total);
}

__attribute__((export_name("wasmplug:dl-bench/runner@0.1.0#dl-add")))
void *dl_add(const char *library, size_t library_length, uint32_t n) {
  static const c_type params[] = {{SINT32, 0, 0}, {SINT32, 0, 0}};
  uint32_t handles[2];
  uint32_t function = prepare(library, library_length, "add", 3, params, 2, SINT32, handles);
  if (!function) return &answer;
  c_value args[2] = {{.kind = SINT32, .of.s32 = 1}, {.kind = SINT32, .of.s32 = 2}};
  return call_loop(function, handles, args, 2, n, 0);
}

__attribute__((export_name("wasmplug:dl-bench/runner@0.1.0#dl-strlen")))
void *dl_strlen(const char *library, size_t library_length, uint32_t n, uint32_t size) {
  static const c_type params[] = {{CSTRING, 0, 0}};
  uint32_t handles[2];
  uint32_t function = prepare(library, library_length, "strlen", 6, params, 1, UINT64, handles);
  if (!function) return &answer;
  c_value arg = {.kind = CSTRING, .of.cstring = {1, text_of_size(size), size}};
  return call_loop(function, handles, &arg, 1, n, 1);
}

// The loops over `add` and `strlen` of one interface: the native plugin's or the typed imports'.
#define DIRECT_LOOPS(interface, prefix)                                                          \
  IMPORT("wasmplug:dl-bench/" #interface "@0.1.0", "add") extern int32_t prefix##_add(int32_t, int32_t); \
  IMPORT("wasmplug:dl-bench/" #interface "@0.1.0", "strlen") extern int64_t prefix##_strlen(const char *, size_t); \
                                                                                                 \
  __attribute__((export_name("wasmplug:dl-bench/runner@0.1.0#" #prefix "-add")))                \
  int64_t call_##prefix##_add(uint32_t n) {                                                      \
    int64_t total = 0;                                                                           \
    for (uint32_t i = 0; i < n; i++) total += prefix##_add((int32_t)i, 2);                       \
    return total;                                                                                \
  }                                                                                              \
                                                                                                 \
  __attribute__((export_name("wasmplug:dl-bench/runner@0.1.0#" #prefix "-strlen")))             \
  int64_t call_##prefix##_strlen(uint32_t n, uint32_t size) {                                    \
    heap_used = 0;                                                                               \
    const char *text = text_of_size(size);                                                       \
    int64_t total = 0;                                                                           \
    for (uint32_t i = 0; i < n; i++) total += prefix##_strlen(text, size);                       \
    return total;                                                                                \
  }

DIRECT_LOOPS(native, native)
DIRECT_LOOPS(typed, typed)

__attribute__((export_name("wasmplug:dl-bench/runner@0.1.0#typed-strlen-of")))
int64_t call_typed_strlen_of(const char *text, size_t size) { return typed_strlen(text, size); }
