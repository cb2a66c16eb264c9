// libdlbench.so, for `wasmplug bench`'s wasi:dl section. It is two things at once:
// - a plain C library with `int add(int, int)`, which dl-bench.wasm calls through wasi:dl;
// - a native plugin serving wasmplug:dl-bench/native: the same `add`, and libc's `strlen`,
//   through the native plugin ABI, for comparison.
#include <string.h>
#include "wasmplug_plugin.h"

int add(int a, int b) { return a + b; }

static void *create_state(const wasmplug_host_t *h, const wasmplug_config_entry_t *c, size_t n, const char **e) {
  (void)c; (void)n; (void)e;
  return (void *)h;  // no state of its own; any non-NULL pointer will do
}

static int32_t native_add(void *state, wasmplug_call_t *call, const void *args, void *results) {
  (void)state; (void)call;
  const struct { int32_t a, b; } *in = args;
  *(int32_t *)results = add(in->a, in->b);
  return 0;
}

// The string is not NUL-terminated in the plugin ABI: `strlen` of a copy, as a C caller would.
static int32_t native_strlen(void *state, wasmplug_call_t *call, const void *args, void *results) {
  (void)state; (void)call;
  const wasmplug_str_t *s = args;
  char buffer[4096];
  size_t length = s->len < sizeof buffer - 1 ? s->len : sizeof buffer - 1;
  memcpy(buffer, s->ptr, length);
  buffer[length] = 0;
  *(uint64_t *)results = strlen(buffer);
  return 0;
}

static const wasmplug_function_t functions[] = {
  {"wasmplug:dl-bench/native@0.1.0#add", native_add},
  {"wasmplug:dl-bench/native@0.1.0#strlen", native_strlen},
};

static const wasmplug_plugin_t descriptor = {
  .abi_version = WASMPLUG_ABI_VERSION,
  .size = sizeof(wasmplug_plugin_t),
  .name = "dl-bench",
  .version = "0.1.0",
  .wit = "package wasmplug:dl-bench@0.1.0;\n"
         "interface native {\n  add: func(a: s32, b: s32) -> s32;\n  strlen: func(s: string) -> u64;\n}\n"
         "world dl-bench-plugin {\n  export native;\n}\n",
  .world = "dl-bench-plugin",
  .functions = functions,
  .function_count = sizeof functions / sizeof functions[0],
  .create_state = create_state,
  .flags = WASMPLUG_PLUGIN_THREAD_SAFE,
};

const wasmplug_plugin_t *wasmplug_plugin_descriptor(void) { return &descriptor; }
