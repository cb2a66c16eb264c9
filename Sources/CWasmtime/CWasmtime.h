// Declarations of the part of the Wasmtime 50.0.1 C API that WasmPlug uses.
//
// Wasmtime's PyPI wheel ships the shared library without headers, so these are written by
// us from the API's documented facts (struct layouts, tags, signatures). Every size, offset
// and tag relied on here is pinned by Tests/CWasmtimeLayoutTests: a changed library fails
// those tests instead of corrupting memory.
#ifndef WASMPLUG_CWASMTIME_H
#define WASMPLUG_CWASMTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// MARK: - wasm.h basics

typedef uint8_t wasm_byte_t;
typedef struct wasm_byte_vec_t {
  size_t size;
  wasm_byte_t *data;
} wasm_byte_vec_t;
typedef wasm_byte_vec_t wasm_name_t;
typedef wasm_byte_vec_t wasm_message_t;

typedef struct wasm_config_t wasm_config_t;
typedef struct wasm_engine_t wasm_engine_t;
typedef struct wasm_trap_t wasm_trap_t;

void wasm_byte_vec_new(wasm_byte_vec_t *out, size_t size, const wasm_byte_t *data);
void wasm_byte_vec_new_uninitialized(wasm_byte_vec_t *out, size_t size);
void wasm_byte_vec_delete(wasm_byte_vec_t *vec);

wasm_config_t *wasm_config_new(void);
void wasm_config_delete(wasm_config_t *config);
wasm_engine_t *wasm_engine_new_with_config(wasm_config_t *config); // takes the config
void wasm_engine_delete(wasm_engine_t *engine);

// MARK: - Configuration

void wasmtime_config_consume_fuel_set(wasm_config_t *config, bool enable);
void wasmtime_config_epoch_interruption_set(wasm_config_t *config, bool enable);
void wasmtime_config_wasm_component_model_set(wasm_config_t *config, bool enable);
void wasmtime_config_parallel_compilation_set(wasm_config_t *config, bool enable);
void wasmtime_config_max_wasm_stack_set(wasm_config_t *config, size_t size);
void wasmtime_engine_increment_epoch(wasm_engine_t *engine);

// MARK: - Errors

typedef struct wasmtime_error_t wasmtime_error_t;
wasmtime_error_t *wasmtime_error_new(const char *message);
void wasmtime_error_message(const wasmtime_error_t *error, wasm_name_t *message_out);
bool wasmtime_error_exit_status(const wasmtime_error_t *error, int *status_out);
void wasmtime_error_delete(wasmtime_error_t *error);

// MARK: - Traps

// The code of an instruction trap; the values are Wasmtime's `wasmtime_trap_code_enum`
// (only those WasmPlug reads are declared).
typedef uint8_t wasmtime_trap_code_t;
enum {
  WASMTIME_TRAP_CODE_INTERRUPT = 10,
  WASMTIME_TRAP_CODE_OUT_OF_FUEL = 11,
};
bool wasmtime_trap_code(const wasm_trap_t *trap, wasmtime_trap_code_t *code_out);

// MARK: - Stores

typedef struct wasmtime_store wasmtime_store_t;
typedef struct wasmtime_context wasmtime_context_t;

wasmtime_store_t *wasmtime_store_new(wasm_engine_t *engine, void *data, void (*finalizer)(void *));
wasmtime_context_t *wasmtime_store_context(wasmtime_store_t *store);
void wasmtime_store_delete(wasmtime_store_t *store);
/// Limits per store; a negative value leaves that limit at its default.
void wasmtime_store_limiter(wasmtime_store_t *store, int64_t memory_size, int64_t table_elements,
                            int64_t instances, int64_t tables, int64_t memories);
void *wasmtime_context_get_data(const wasmtime_context_t *context);
wasmtime_error_t *wasmtime_context_set_fuel(wasmtime_context_t *context, uint64_t fuel);
wasmtime_error_t *wasmtime_context_get_fuel(const wasmtime_context_t *context, uint64_t *fuel);
void wasmtime_context_set_epoch_deadline(wasmtime_context_t *context, uint64_t ticks_beyond_current);

// MARK: - WASI

typedef struct wasi_config_t wasi_config_t;

wasi_config_t *wasi_config_new(void);
void wasi_config_delete(wasi_config_t *config);
bool wasi_config_set_argv(wasi_config_t *config, size_t argc, const char *argv[]);
bool wasi_config_set_env(wasi_config_t *config, size_t envc, const char *names[], const char *values[]);
void wasi_config_inherit_stdin(wasi_config_t *config);
void wasi_config_inherit_stdout(wasi_config_t *config);
void wasi_config_inherit_stderr(wasi_config_t *config);
/// `fs_mutable` false makes the directory and its files read-only to the guest.
bool wasi_config_preopen_dir(wasi_config_t *config, const char *host_path, const char *guest_path, bool fs_mutable);
void wasi_config_inherit_env(wasi_config_t *config);
// Lets wasi:sockets/ip-name-lookup resolve names (off by default). The C API has no way to
// allow TCP or UDP sockets themselves (Wasmtime's builder keeps them denied).
void wasi_config_allow_ip_name_lookup(wasi_config_t *config, bool enable);
/// Gives the store its WASI context; takes ownership of the config.
wasmtime_error_t *wasmtime_context_set_wasi(wasmtime_context_t *context, wasi_config_t *wasi);
// wasi:http's client (types, outgoing-handler); needs set_wasi first.
void wasmtime_context_set_wasi_http(wasmtime_context_t *context);

// MARK: - Core modules (WASI preview 1)

typedef struct wasmtime_module wasmtime_module_t;
typedef struct wasmtime_linker wasmtime_linker_t;
typedef struct wasm_valtype_t wasm_valtype_t;
typedef struct wasm_externtype_t wasm_externtype_t;
typedef struct wasm_importtype_t wasm_importtype_t;
typedef struct wasm_exporttype_t wasm_exporttype_t;
typedef struct wasm_functype_t wasm_functype_t;

typedef struct wasm_valtype_vec_t {
  size_t size;
  wasm_valtype_t *const *data;
} wasm_valtype_vec_t;
typedef struct wasm_importtype_vec_t {
  size_t size;
  wasm_importtype_t **data;
} wasm_importtype_vec_t;
typedef struct wasm_exporttype_vec_t {
  size_t size;
  wasm_exporttype_t **data;
} wasm_exporttype_vec_t;

typedef uint8_t wasm_valkind_t;
enum { WASM_I32 = 0, WASM_I64 = 1, WASM_F32 = 2, WASM_F64 = 3, WASM_V128 = 4, WASM_EXTERNREF = 128, WASM_FUNCREF = 129 };
typedef uint8_t wasm_externkind_t;
enum { WASM_EXTERN_FUNC = 0, WASM_EXTERN_GLOBAL = 1, WASM_EXTERN_TABLE = 2, WASM_EXTERN_MEMORY = 3 };

wasm_valkind_t wasm_valtype_kind(const wasm_valtype_t *type);
wasm_externkind_t wasm_externtype_kind(const wasm_externtype_t *type);
const wasm_functype_t *wasm_externtype_as_functype_const(const wasm_externtype_t *type);
const wasm_valtype_vec_t *wasm_functype_params(const wasm_functype_t *type);
const wasm_valtype_vec_t *wasm_functype_results(const wasm_functype_t *type);
void wasm_functype_delete(wasm_functype_t *type);
const wasm_name_t *wasm_importtype_module(const wasm_importtype_t *type);
const wasm_name_t *wasm_importtype_name(const wasm_importtype_t *type);
const wasm_externtype_t *wasm_importtype_type(const wasm_importtype_t *type);
const wasm_name_t *wasm_exporttype_name(const wasm_exporttype_t *type);
const wasm_externtype_t *wasm_exporttype_type(const wasm_exporttype_t *type);
void wasm_importtype_vec_delete(wasm_importtype_vec_t *vec);
void wasm_exporttype_vec_delete(wasm_exporttype_vec_t *vec);

wasmtime_error_t *wasmtime_module_new(const wasm_engine_t *engine, const uint8_t *wasm, size_t wasm_len,
                                      wasmtime_module_t **module_out);
void wasmtime_module_delete(wasmtime_module_t *module);
void wasmtime_module_imports(const wasmtime_module_t *module, wasm_importtype_vec_t *out);
void wasmtime_module_exports(const wasmtime_module_t *module, wasm_exporttype_vec_t *out);
wasmtime_error_t *wasmtime_module_serialize(wasmtime_module_t *module, wasm_byte_vec_t *ret);
wasmtime_error_t *wasmtime_module_deserialize(const wasm_engine_t *engine, const uint8_t *bytes, size_t bytes_len,
                                              wasmtime_module_t **module_out);
// Maps the file instead of copying it (the file must hold exactly what serialize wrote).
wasmtime_error_t *wasmtime_module_deserialize_file(wasm_engine_t *engine, const char *path, wasmtime_module_t **ret);

typedef struct wasmtime_func {
  uint64_t store_id;
  void *__private;
} wasmtime_func_t;

typedef struct wasmtime_instance {
  uint64_t store_id;
  size_t __private;
} wasmtime_instance_t;

// Only the function case is read; the storage covers the largest case (a global, table or memory).
typedef uint8_t wasmtime_extern_kind_t;
enum { WASMTIME_EXTERN_FUNC = 0 };
typedef union wasmtime_extern_union {
  wasmtime_func_t func;
  uint64_t __storage[3];
} wasmtime_extern_union_t;
typedef struct wasmtime_extern {
  wasmtime_extern_kind_t kind;
  wasmtime_extern_union_t of;
} wasmtime_extern_t;
void wasmtime_extern_delete(wasmtime_extern_t *item);

// Numbers only are read and written; the storage covers the largest case (a GC reference).
typedef uint8_t wasmtime_valkind_t;
enum { WASMTIME_I32 = 0, WASMTIME_I64 = 1, WASMTIME_F32 = 2, WASMTIME_F64 = 3 };
typedef union wasmtime_valunion {
  int32_t i32;
  int64_t i64;
  float f32;
  double f64;
  uint64_t __storage[3];
} wasmtime_valunion_t;
typedef struct wasmtime_val {
  wasmtime_valkind_t kind;
  wasmtime_valunion_t of;
} wasmtime_val_t;

wasmtime_linker_t *wasmtime_linker_new(const wasm_engine_t *engine);
void wasmtime_linker_delete(wasmtime_linker_t *linker);
wasmtime_error_t *wasmtime_linker_define_wasi(wasmtime_linker_t *linker);
wasmtime_error_t *wasmtime_linker_instantiate(const wasmtime_linker_t *linker, wasmtime_context_t *context,
                                              const wasmtime_module_t *module, wasmtime_instance_t *instance_out,
                                              wasm_trap_t **trap_out);
bool wasmtime_instance_export_get(wasmtime_context_t *context, const wasmtime_instance_t *instance, const char *name,
                                  size_t name_len, wasmtime_extern_t *item_out);
wasm_functype_t *wasmtime_func_type(const wasmtime_context_t *context, const wasmtime_func_t *func);
wasmtime_error_t *wasmtime_func_call(wasmtime_context_t *context, const wasmtime_func_t *func,
                                     const wasmtime_val_t *args, size_t nargs, wasmtime_val_t *results,
                                     size_t nresults, wasm_trap_t **trap_out);

// MARK: - Component types

typedef struct wasmtime_component_resource_type wasmtime_component_resource_type_t;
typedef struct wasmtime_component_list_type wasmtime_component_list_type_t;
typedef struct wasmtime_component_record_type wasmtime_component_record_type_t;
typedef struct wasmtime_component_tuple_type wasmtime_component_tuple_type_t;
typedef struct wasmtime_component_variant_type wasmtime_component_variant_type_t;
typedef struct wasmtime_component_enum_type wasmtime_component_enum_type_t;
typedef struct wasmtime_component_option_type wasmtime_component_option_type_t;
typedef struct wasmtime_component_result_type wasmtime_component_result_type_t;
typedef struct wasmtime_component_flags_type wasmtime_component_flags_type_t;
typedef struct wasmtime_component_future_type wasmtime_component_future_type_t;
typedef struct wasmtime_component_stream_type wasmtime_component_stream_type_t;
typedef struct wasmtime_component_map_type wasmtime_component_map_type_t;
typedef struct wasmtime_component_func_type_t wasmtime_component_func_type_t;
typedef struct wasmtime_component_instance_type wasmtime_component_instance_type_t;
typedef struct wasmtime_component_type_t wasmtime_component_type_t;
typedef struct wasmtime_component_extern_t wasmtime_component_extern_t;
typedef struct wasmtime_module_type wasmtime_module_type_t;

typedef uint8_t wasmtime_component_valtype_kind_t;
enum {
  WASMTIME_COMPONENT_VALTYPE_BOOL = 0,
  WASMTIME_COMPONENT_VALTYPE_S8 = 1,
  WASMTIME_COMPONENT_VALTYPE_S16 = 2,
  WASMTIME_COMPONENT_VALTYPE_S32 = 3,
  WASMTIME_COMPONENT_VALTYPE_S64 = 4,
  WASMTIME_COMPONENT_VALTYPE_U8 = 5,
  WASMTIME_COMPONENT_VALTYPE_U16 = 6,
  WASMTIME_COMPONENT_VALTYPE_U32 = 7,
  WASMTIME_COMPONENT_VALTYPE_U64 = 8,
  WASMTIME_COMPONENT_VALTYPE_F32 = 9,
  WASMTIME_COMPONENT_VALTYPE_F64 = 10,
  WASMTIME_COMPONENT_VALTYPE_CHAR = 11,
  WASMTIME_COMPONENT_VALTYPE_STRING = 12,
  WASMTIME_COMPONENT_VALTYPE_LIST = 13,
  WASMTIME_COMPONENT_VALTYPE_RECORD = 14,
  WASMTIME_COMPONENT_VALTYPE_TUPLE = 15,
  WASMTIME_COMPONENT_VALTYPE_VARIANT = 16,
  WASMTIME_COMPONENT_VALTYPE_ENUM = 17,
  WASMTIME_COMPONENT_VALTYPE_OPTION = 18,
  WASMTIME_COMPONENT_VALTYPE_RESULT = 19,
  WASMTIME_COMPONENT_VALTYPE_FLAGS = 20,
  WASMTIME_COMPONENT_VALTYPE_OWN = 21,
  WASMTIME_COMPONENT_VALTYPE_BORROW = 22,
  WASMTIME_COMPONENT_VALTYPE_FUTURE = 23,
  WASMTIME_COMPONENT_VALTYPE_STREAM = 24,
  WASMTIME_COMPONENT_VALTYPE_ERROR_CONTEXT = 25,
};

typedef union wasmtime_component_valtype_union {
  wasmtime_component_list_type_t *list;
  wasmtime_component_record_type_t *record;
  wasmtime_component_tuple_type_t *tuple;
  wasmtime_component_variant_type_t *variant;
  wasmtime_component_enum_type_t *enum_;
  wasmtime_component_option_type_t *option;
  wasmtime_component_result_type_t *result;
  wasmtime_component_flags_type_t *flags;
  wasmtime_component_resource_type_t *own;
  wasmtime_component_resource_type_t *borrow;
  wasmtime_component_future_type_t *future;
  wasmtime_component_stream_type_t *stream;
  wasmtime_component_map_type_t *map;
} wasmtime_component_valtype_union_t;

typedef struct wasmtime_component_valtype_t {
  wasmtime_component_valtype_kind_t kind;
  wasmtime_component_valtype_union_t of;
} wasmtime_component_valtype_t;

void wasmtime_component_valtype_delete(wasmtime_component_valtype_t *ty);
bool wasmtime_component_resource_type_equal(const wasmtime_component_resource_type_t *a,
                                            const wasmtime_component_resource_type_t *b);
wasmtime_component_resource_type_t *wasmtime_component_resource_type_new_host(uint32_t ty);
wasmtime_component_resource_type_t *wasmtime_component_resource_type_clone(const wasmtime_component_resource_type_t *ty);
void wasmtime_component_resource_type_delete(wasmtime_component_resource_type_t *ty);

void wasmtime_component_list_type_element(const wasmtime_component_list_type_t *ty, wasmtime_component_valtype_t *out);
size_t wasmtime_component_record_type_field_count(const wasmtime_component_record_type_t *ty);
bool wasmtime_component_record_type_field_nth(const wasmtime_component_record_type_t *ty, size_t nth,
                                              const char **name, size_t *name_len,
                                              wasmtime_component_valtype_t *type_out);
size_t wasmtime_component_tuple_type_types_count(const wasmtime_component_tuple_type_t *ty);
bool wasmtime_component_tuple_type_types_nth(const wasmtime_component_tuple_type_t *ty, size_t nth,
                                             wasmtime_component_valtype_t *type_out);
size_t wasmtime_component_variant_type_case_count(const wasmtime_component_variant_type_t *ty);
bool wasmtime_component_variant_type_case_nth(const wasmtime_component_variant_type_t *ty, size_t nth,
                                              const char **name, size_t *name_len, bool *has_payload,
                                              wasmtime_component_valtype_t *payload_out);
size_t wasmtime_component_enum_type_names_count(const wasmtime_component_enum_type_t *ty);
bool wasmtime_component_enum_type_names_nth(const wasmtime_component_enum_type_t *ty, size_t nth,
                                            const char **name, size_t *name_len);
void wasmtime_component_option_type_ty(const wasmtime_component_option_type_t *ty, wasmtime_component_valtype_t *out);
bool wasmtime_component_result_type_ok(const wasmtime_component_result_type_t *ty, wasmtime_component_valtype_t *out);
bool wasmtime_component_result_type_err(const wasmtime_component_result_type_t *ty, wasmtime_component_valtype_t *out);
size_t wasmtime_component_flags_type_names_count(const wasmtime_component_flags_type_t *ty);
bool wasmtime_component_flags_type_names_nth(const wasmtime_component_flags_type_t *ty, size_t nth,
                                             const char **name, size_t *name_len);
bool wasmtime_component_future_type_ty(const wasmtime_component_future_type_t *ty, wasmtime_component_valtype_t *out);
bool wasmtime_component_stream_type_ty(const wasmtime_component_stream_type_t *ty, wasmtime_component_valtype_t *out);
void wasmtime_component_map_type_key(const wasmtime_component_map_type_t *ty, wasmtime_component_valtype_t *out);
void wasmtime_component_map_type_value(const wasmtime_component_map_type_t *ty, wasmtime_component_valtype_t *out);

void wasmtime_component_func_type_delete(wasmtime_component_func_type_t *ty);
bool wasmtime_component_func_type_async(const wasmtime_component_func_type_t *ty);
size_t wasmtime_component_func_type_param_count(const wasmtime_component_func_type_t *ty);
bool wasmtime_component_func_type_param_nth(const wasmtime_component_func_type_t *ty, size_t nth,
                                            const char **name, size_t *name_len,
                                            wasmtime_component_valtype_t *type_out);
bool wasmtime_component_func_type_result(const wasmtime_component_func_type_t *ty, wasmtime_component_valtype_t *type_out);

void wasmtime_component_instance_type_delete(wasmtime_component_instance_type_t *ty);
size_t wasmtime_component_instance_type_export_count(const wasmtime_component_instance_type_t *ty, const wasm_engine_t *engine);
bool wasmtime_component_instance_type_export_nth(const wasmtime_component_instance_type_t *ty, const wasm_engine_t *engine,
                                                 size_t nth, const char **name, size_t *name_len,
                                                 wasmtime_component_extern_t **out);

void wasmtime_component_type_delete(wasmtime_component_type_t *ty);
size_t wasmtime_component_type_import_count(const wasmtime_component_type_t *ty, const wasm_engine_t *engine);
bool wasmtime_component_type_import_nth(const wasmtime_component_type_t *ty, const wasm_engine_t *engine, size_t nth,
                                        const char **name, size_t *name_len, wasmtime_component_extern_t **out);
size_t wasmtime_component_type_export_count(const wasmtime_component_type_t *ty, const wasm_engine_t *engine);
bool wasmtime_component_type_export_nth(const wasmtime_component_type_t *ty, const wasm_engine_t *engine, size_t nth,
                                        const char **name, size_t *name_len, wasmtime_component_extern_t **out);

typedef uint8_t wasmtime_component_item_kind_t;
enum {
  WASMTIME_COMPONENT_ITEM_COMPONENT = 0,
  WASMTIME_COMPONENT_ITEM_COMPONENT_INSTANCE = 1,
  WASMTIME_COMPONENT_ITEM_MODULE = 2,
  WASMTIME_COMPONENT_ITEM_COMPONENT_FUNC = 3,
  WASMTIME_COMPONENT_ITEM_RESOURCE = 4,
  WASMTIME_COMPONENT_ITEM_CORE_FUNC = 5,
  WASMTIME_COMPONENT_ITEM_TYPE = 6,
};

typedef union wasmtime_component_item_union {
  wasmtime_component_type_t *component;
  wasmtime_component_instance_type_t *component_instance;
  wasmtime_module_type_t *module;
  wasmtime_component_func_type_t *component_func;
  wasmtime_component_resource_type_t *resource;
  wasm_functype_t *core_func;
  wasmtime_component_valtype_t type;
} wasmtime_component_item_union_t;

typedef struct wasmtime_component_item_t {
  wasmtime_component_item_kind_t kind;
  wasmtime_component_item_union_t of;
} wasmtime_component_item_t;

void wasmtime_component_item_delete(wasmtime_component_item_t *item);
void wasmtime_component_extern_type(const wasmtime_component_extern_t *ext, wasmtime_component_item_t *out);
void wasmtime_component_extern_delete(wasmtime_component_extern_t *ext);

// MARK: - Components

typedef struct wasmtime_component_t wasmtime_component_t;
wasmtime_error_t *wasmtime_component_new(const wasm_engine_t *engine, const uint8_t *buf, size_t len,
                                         wasmtime_component_t **component_out);
wasmtime_error_t *wasmtime_component_serialize(const wasmtime_component_t *component, wasm_byte_vec_t *out);
wasmtime_error_t *wasmtime_component_deserialize(const wasm_engine_t *engine, const uint8_t *buf, size_t len,
                                                 wasmtime_component_t **component_out);
// Maps the file instead of copying it (the file must hold exactly what serialize wrote).
wasmtime_error_t *wasmtime_component_deserialize_file(const wasm_engine_t *engine, const char *path,
                                                      wasmtime_component_t **component_out);
wasmtime_component_type_t *wasmtime_component_type(const wasmtime_component_t *component);
void wasmtime_component_delete(wasmtime_component_t *component);

typedef struct wasmtime_component_export_index_t wasmtime_component_export_index_t;
void wasmtime_component_export_index_delete(wasmtime_component_export_index_t *index);

// MARK: - Values

typedef struct wasmtime_component_resource_any wasmtime_component_resource_any_t;
typedef struct wasmtime_component_resource_host wasmtime_component_resource_host_t;

typedef uint8_t wasmtime_component_valkind_t;
enum {
  WASMTIME_COMPONENT_BOOL = 0,
  WASMTIME_COMPONENT_S8 = 1,
  WASMTIME_COMPONENT_U8 = 2,
  WASMTIME_COMPONENT_S16 = 3,
  WASMTIME_COMPONENT_U16 = 4,
  WASMTIME_COMPONENT_S32 = 5,
  WASMTIME_COMPONENT_U32 = 6,
  WASMTIME_COMPONENT_S64 = 7,
  WASMTIME_COMPONENT_U64 = 8,
  WASMTIME_COMPONENT_F32 = 9,
  WASMTIME_COMPONENT_F64 = 10,
  WASMTIME_COMPONENT_CHAR = 11,
  WASMTIME_COMPONENT_STRING = 12,
  WASMTIME_COMPONENT_LIST = 13,
  WASMTIME_COMPONENT_RECORD = 14,
  WASMTIME_COMPONENT_TUPLE = 15,
  WASMTIME_COMPONENT_VARIANT = 16,
  WASMTIME_COMPONENT_ENUM = 17,
  WASMTIME_COMPONENT_OPTION = 18,
  WASMTIME_COMPONENT_RESULT = 19,
  WASMTIME_COMPONENT_FLAGS = 20,
  WASMTIME_COMPONENT_RESOURCE = 21,
};

struct wasmtime_component_val;
struct wasmtime_component_valrecord_entry;

typedef struct wasmtime_component_vallist {
  size_t size;
  struct wasmtime_component_val *data;
} wasmtime_component_vallist_t;

typedef struct wasmtime_component_valrecord {
  size_t size;
  struct wasmtime_component_valrecord_entry *data;
} wasmtime_component_valrecord_t;

typedef struct wasmtime_component_valtuple {
  size_t size;
  struct wasmtime_component_val *data;
} wasmtime_component_valtuple_t;

typedef struct wasmtime_component_valflags {
  size_t size;
  wasm_name_t *data;
} wasmtime_component_valflags_t;

typedef struct wasmtime_component_valvariant {
  wasm_name_t discriminant;
  struct wasmtime_component_val *val; // NULL when the case has no payload
} wasmtime_component_valvariant_t;

typedef struct wasmtime_component_valresult {
  bool is_ok;
  struct wasmtime_component_val *val; // NULL when that side has no payload
} wasmtime_component_valresult_t;

typedef union wasmtime_component_valunion {
  bool boolean;
  int8_t s8;
  uint8_t u8;
  int16_t s16;
  uint16_t u16;
  int32_t s32;
  uint32_t u32;
  int64_t s64;
  uint64_t u64;
  float f32;
  double f64;
  uint32_t character;
  wasm_name_t string;
  wasmtime_component_vallist_t list;
  wasmtime_component_valrecord_t record;
  wasmtime_component_valtuple_t tuple;
  wasmtime_component_valvariant_t variant;
  wasm_name_t enumeration;
  struct wasmtime_component_val *option; // NULL for none
  wasmtime_component_valresult_t result;
  wasmtime_component_valflags_t flags;
  wasmtime_component_resource_any_t *resource;
} wasmtime_component_valunion_t;

typedef struct wasmtime_component_val {
  wasmtime_component_valkind_t kind;
  wasmtime_component_valunion_t of;
} wasmtime_component_val_t;

typedef struct wasmtime_component_valrecord_entry {
  wasm_name_t name;
  wasmtime_component_val_t val;
} wasmtime_component_valrecord_entry_t;

// Containers allocated by the library: `*_new_uninit` gives `size` slots the caller fills.
void wasmtime_component_vallist_new_uninit(wasmtime_component_vallist_t *out, size_t size);
void wasmtime_component_valrecord_new_uninit(wasmtime_component_valrecord_t *out, size_t size);
void wasmtime_component_valtuple_new_uninit(wasmtime_component_valtuple_t *out, size_t size);
void wasmtime_component_valflags_new_uninit(wasmtime_component_valflags_t *out, size_t size);
/// A heap value from the library's allocator (for option, variant and result payloads).
wasmtime_component_val_t *wasmtime_component_val_new(wasmtime_component_val_t *val);
/// Frees what a value owns, leaving the slot itself alone.
void wasmtime_component_val_delete(wasmtime_component_val_t *val);

// MARK: - Resources

wasmtime_component_resource_type_t *wasmtime_component_resource_any_type(const wasmtime_component_resource_any_t *r);
wasmtime_component_resource_any_t *wasmtime_component_resource_any_clone(const wasmtime_component_resource_any_t *r);
bool wasmtime_component_resource_any_owned(const wasmtime_component_resource_any_t *r);
wasmtime_error_t *wasmtime_component_resource_any_drop(wasmtime_context_t *context, const wasmtime_component_resource_any_t *r);
void wasmtime_component_resource_any_delete(wasmtime_component_resource_any_t *r);
wasmtime_component_resource_host_t *wasmtime_component_resource_host_new(bool owned, uint32_t rep, uint32_t ty);
uint32_t wasmtime_component_resource_host_rep(const wasmtime_component_resource_host_t *r);
uint32_t wasmtime_component_resource_host_type(const wasmtime_component_resource_host_t *r);
bool wasmtime_component_resource_host_owned(const wasmtime_component_resource_host_t *r);
void wasmtime_component_resource_host_delete(wasmtime_component_resource_host_t *r);
wasmtime_error_t *wasmtime_component_resource_any_to_host(wasmtime_context_t *context,
                                                          const wasmtime_component_resource_any_t *r,
                                                          wasmtime_component_resource_host_t **out);
wasmtime_error_t *wasmtime_component_resource_host_to_any(wasmtime_context_t *context,
                                                          const wasmtime_component_resource_host_t *r,
                                                          wasmtime_component_resource_any_t **out);

// MARK: - Instances and functions

typedef struct wasmtime_component_instance {
  uint64_t store_id;
  uint32_t __private;
} wasmtime_component_instance_t;

typedef struct wasmtime_component_func {
  struct {
    uint64_t store_id;
    uint32_t __private1;
  } __anon;
  uint32_t __private2;
  void *__private3;
} wasmtime_component_func_t;

wasmtime_component_export_index_t *wasmtime_component_instance_get_export_index(
    const wasmtime_component_instance_t *instance, wasmtime_context_t *context,
    const wasmtime_component_export_index_t *instance_export_index, const char *name, size_t name_len);
bool wasmtime_component_instance_get_func(const wasmtime_component_instance_t *instance, wasmtime_context_t *context,
                                          const wasmtime_component_export_index_t *export_index,
                                          wasmtime_component_func_t *func_out);
wasmtime_component_func_type_t *wasmtime_component_func_type(const wasmtime_component_func_t *func,
                                                             wasmtime_context_t *context);
wasmtime_error_t *wasmtime_component_func_call(const wasmtime_component_func_t *func, wasmtime_context_t *context,
                                               const wasmtime_component_val_t *args, size_t args_size,
                                               wasmtime_component_val_t *results, size_t results_size);
wasmtime_error_t *wasmtime_component_func_post_return(const wasmtime_component_func_t *func, wasmtime_context_t *context);

// MARK: - Linker

typedef struct wasmtime_component_linker_t wasmtime_component_linker_t;
typedef struct wasmtime_component_linker_instance_t wasmtime_component_linker_instance_t;

typedef wasmtime_error_t *(*wasmtime_component_func_callback_t)(
    void *data, wasmtime_context_t *context, const wasmtime_component_func_type_t *type,
    wasmtime_component_val_t *args, size_t nargs, wasmtime_component_val_t *results, size_t nresults);
typedef wasmtime_error_t *(*wasmtime_component_resource_destructor_t)(void *data, wasmtime_context_t *context,
                                                                      uint32_t rep);

wasmtime_component_linker_t *wasmtime_component_linker_new(const wasm_engine_t *engine);
void wasmtime_component_linker_allow_shadowing(wasmtime_component_linker_t *linker, bool allow);
/// Borrows the linker exclusively until the returned instance is deleted.
wasmtime_component_linker_instance_t *wasmtime_component_linker_root(wasmtime_component_linker_t *linker);
wasmtime_error_t *wasmtime_component_linker_instantiate(const wasmtime_component_linker_t *linker,
                                                        wasmtime_context_t *context,
                                                        const wasmtime_component_t *component,
                                                        wasmtime_component_instance_t *instance_out);
wasmtime_error_t *wasmtime_component_linker_add_wasip2(wasmtime_component_linker_t *linker);
// wasi:http/types and wasi:http/outgoing-handler (synchronous); needs add_wasip2 first.
wasmtime_error_t *wasmtime_component_linker_add_wasi_http(wasmtime_component_linker_t *linker);
void wasmtime_component_linker_delete(wasmtime_component_linker_t *linker);
wasmtime_error_t *wasmtime_component_linker_instance_add_instance(wasmtime_component_linker_instance_t *linker_instance,
                                                                  const char *name, size_t name_len,
                                                                  wasmtime_component_linker_instance_t **out);
wasmtime_error_t *wasmtime_component_linker_instance_add_func(wasmtime_component_linker_instance_t *linker_instance,
                                                              const char *name, size_t name_len,
                                                              wasmtime_component_func_callback_t callback, void *data,
                                                              void (*finalizer)(void *));
wasmtime_error_t *wasmtime_component_linker_instance_add_resource(
    wasmtime_component_linker_instance_t *linker_instance, const char *name, size_t name_len,
    const wasmtime_component_resource_type_t *resource_type, wasmtime_component_resource_destructor_t destructor,
    void *data, void (*finalizer)(void *));
void wasmtime_component_linker_instance_delete(wasmtime_component_linker_instance_t *linker_instance);

#ifdef __cplusplus
}
#endif

#endif
