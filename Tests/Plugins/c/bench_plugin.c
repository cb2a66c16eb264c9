// wasmplug:bench/host as a native plugin, for `wasmplug bench`: f(x) = x + 1 and echo(s) = s,
// the same functions the Swift host and the plain C callback implement there.
#include <string.h>
#include "wasmplug_plugin.h"

static const wasmplug_host_t *host;

static void *create_state(const wasmplug_host_t *h, const wasmplug_config_entry_t *c, size_t n, const char **e) {
  (void)c; (void)n; (void)e;
  host = h;
  return (void *)h;  // no state of its own; any non-NULL pointer will do
}

static int32_t f(void *state, wasmplug_call_t *call, const void *args, void *results) {
  (void)state; (void)call;
  *(uint32_t *)results = *(const uint32_t *)args + 1;
  return 0;
}

static int32_t add(void *state, wasmplug_call_t *call, const void *args, void *results) {
  (void)state; (void)call;
  const struct { uint32_t a, b; } *in = args;
  *(uint32_t *)results = in->a + in->b;
  return 0;
}

static int32_t sum(void *state, wasmplug_call_t *call, const void *args, void *results) {
  (void)state; (void)call;
  const wasmplug_list_t *list = args;
  const uint32_t *values = list->ptr;
  uint64_t total = 0;
  for (size_t i = 0; i < list->len; i++) total += values[i];
  *(uint64_t *)results = total;
  return 0;
}

// The argument is borrowed for the call: the runtime copies the result out before returning.
static int32_t echo(void *state, wasmplug_call_t *call, const void *args, void *results) {
  (void)state; (void)call;
  memcpy(results, args, sizeof(wasmplug_str_t));
  return 0;
}

static const wasmplug_function_t functions[] = {
  {"wasmplug:bench/host@0.1.0#f", f},
  {"wasmplug:bench/host@0.1.0#add", add},
  {"wasmplug:bench/host@0.1.0#echo", echo},
  {"wasmplug:bench/host@0.1.0#sum", sum},
};

static const wasmplug_plugin_t descriptor = {
  .abi_version = WASMPLUG_ABI_VERSION,
  .size = sizeof(wasmplug_plugin_t),
  .name = "bench",
  .version = "0.1.0",
  .wit = "package wasmplug:bench@0.1.0;\n"
#if defined(MISMATCH)  /* a plugin whose WIT disagrees with the guest's import, for the type-check tests */
         "interface host {\n  f: func(x: u64) -> u64;\n  add: func(a: u32, b: u32) -> u32;\n"
         "  echo: func(s: string) -> string;\n  sum: func(v: list<u32>) -> u64;\n}\n"
#else
         "interface host {\n  f: func(x: u32) -> u32;\n  add: func(a: u32, b: u32) -> u32;\n"
         "  echo: func(s: string) -> string;\n  sum: func(v: list<u32>) -> u64;\n}\n"
#endif
         "world bench-plugin {\n  export host;\n}\n",
  .world = "bench-plugin",
  .functions = functions,
  .function_count = sizeof functions / sizeof functions[0],
  .create_state = create_state,
  .flags = WASMPLUG_PLUGIN_THREAD_SAFE,
};

const wasmplug_plugin_t *wasmplug_plugin_descriptor(void) { return &descriptor; }
