/*
 * WasmPlug native plugin ABI, version 1.
 *
 * A native plugin is a shared library that describes itself with a WIT document and
 * implements the functions it declares. WasmPlug loads it with dlopen, reads the descriptor
 * returned by the well-known symbol below, type-checks every function against the guest's
 * import, and binds it into the component linker. The full specification, with the memory
 * layout of every WIT type and the versioning rules, is docs/native-plugin-abi.md.
 *
 * This is the one header a C plugin author needs.
 */
#ifndef WASMPLUG_PLUGIN_H
#define WASMPLUG_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The ABI version this header describes. */
#define WASMPLUG_ABI_VERSION 1u

/** The symbol every plugin exports: `const wasmplug_plugin_t *wasmplug_plugin_descriptor(void)`. */
#define WASMPLUG_DESCRIPTOR_SYMBOL "wasmplug_plugin_descriptor"

/** Borrowed UTF-8 text: `len` bytes at `ptr`, not NUL-terminated. */
typedef struct wasmplug_str {
  const char *ptr;
  size_t len;
} wasmplug_str_t;

/** A borrowed or host-allocated array: `len` elements at `ptr`, laid out per the spec. */
typedef struct wasmplug_list {
  const void *ptr;
  size_t len;
} wasmplug_list_t;

/** One configuration entry from `-P plugin=./lib.so,key=value`. */
typedef struct wasmplug_config_entry {
  wasmplug_str_t key;
  wasmplug_str_t value;
} wasmplug_config_entry_t;

/** A call in progress: passed to every function, valid only until it returns. */
typedef struct wasmplug_call wasmplug_call_t;

/**
 * Services the host offers a plugin. Handed to `create_state`; the plugin may keep the
 * pointer for the life of its state. `size` is sizeof(wasmplug_host_t) as the runtime
 * knows it: fields beyond `size` do not exist in an older runtime.
 */
typedef struct wasmplug_host {
  uint32_t abi_version;
  uint32_t size;
  /** Memory for results (strings, lists), owned by the host and freed after the call. */
  void *(*alloc)(wasmplug_call_t *call, size_t size, size_t align);
  /** Makes the current call trap with `message` once the function returns non-zero. */
  void (*set_error)(wasmplug_call_t *call, const char *message, size_t len);
  /** Writes a line to the host's log (level: 0 error, 1 warning, 2 info, 3 debug). */
  void (*log)(int32_t level, const char *message, size_t len);
} wasmplug_host_t;

/**
 * A WIT function. `args` points at the parameters laid out as a record, borrowed for the
 * call; `results` points at zeroed space for the result value. Returns 0 on success; any
 * other value traps the guest (with the message given to `set_error`, if any).
 */
typedef int32_t (*wasmplug_function_fn)(void *state, wasmplug_call_t *call, const void *args, void *results);

/** A function entry: `name` is "interface#function" (e.g. "wasi:keyvalue/store@0.2.0-draft#open")
 *  or a bare name for a function the world exports directly. */
typedef struct wasmplug_function {
  const char *name;
  wasmplug_function_fn function;
} wasmplug_function_t;

/** A resource the plugin defines: `name` is "interface#resource"; `drop` runs when the
 *  guest drops its last owned handle, or when the store goes away. */
typedef struct wasmplug_resource {
  const char *name;
  void (*drop)(void *state, uint32_t rep);
} wasmplug_resource_t;

/** A configuration key the plugin accepts, for `wasmplug plugin inspect`. */
typedef struct wasmplug_config_key {
  const char *name;
  const char *description;
} wasmplug_config_key_t;

/** Plugin flags. */
enum {
  /** Functions may be called from several stores on several threads at once. */
  WASMPLUG_PLUGIN_THREAD_SAFE = 1u << 0,
};

/**
 * The descriptor. Fields are only ever appended in later ABI versions; `size` tells the
 * runtime how many the plugin knows.
 */
typedef struct wasmplug_plugin {
  /** WASMPLUG_ABI_VERSION as the plugin was built. */
  uint32_t abi_version;
  /** sizeof(wasmplug_plugin_t) as the plugin was built. */
  uint32_t size;
  const char *name;
  const char *version;
  /** The WIT document (text), and the world in it whose exports the plugin implements. */
  const char *wit;
  const char *world;
  const wasmplug_function_t *functions;
  size_t function_count;
  const wasmplug_resource_t *resources;
  size_t resource_count;
  const wasmplug_config_key_t *config_keys;
  size_t config_key_count;
  /**
   * Creates per-store state when a store is created; NULL with `*error` set refuses the
   * configuration. `error` is set to a static or plugin-owned string that outlives the call.
   */
  void *(*create_state)(const wasmplug_host_t *host, const wasmplug_config_entry_t *config, size_t config_count,
                        const char **error);
  /** Destroys the state when its store is dropped, after every resource has been dropped. */
  void (*destroy_state)(void *state);
  uint32_t flags;
} wasmplug_plugin_t;

#ifdef __cplusplus
}
#endif

#endif
