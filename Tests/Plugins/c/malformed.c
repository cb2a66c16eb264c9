// Libraries that are not valid plugins, one per fault, selected with -D when compiling
// (see build.sh). The loader must refuse each with a clear message, never crash.
#include <stddef.h>
#include "wasmplug_plugin.h"

#if defined(NO_SYMBOL)
int not_a_plugin = 1;
#elif defined(NULL_DESCRIPTOR)
const wasmplug_plugin_t *wasmplug_plugin_descriptor(void) { return NULL; }
#else
static int32_t nothing(void *s, wasmplug_call_t *c, const void *a, void *r) { (void)s; (void)c; (void)a; (void)r; return 0; }
__attribute__((unused)) static const wasmplug_function_t functions[] = {{"example:plugin/api@1.0.0#nothing", nothing}};

/* A descriptor followed by fields a newer ABI might add: BIGGER_DESCRIPTOR must still load. */
static const struct {
  wasmplug_plugin_t base;
  uint64_t future_fields[4];
} descriptor = {
  .base = {
#if defined(FUTURE_ABI)
    .abi_version = 99,
#else
    .abi_version = WASMPLUG_ABI_VERSION,
#endif
#if defined(BIGGER_DESCRIPTOR)
    .size = sizeof(wasmplug_plugin_t) + 4 * sizeof(uint64_t),
#elif defined(TRUNCATED_DESCRIPTOR)
    .size = 8,
#else
    .size = sizeof(wasmplug_plugin_t),
#endif
#if defined(NULL_NAME)
    .name = NULL,
#else
    .name = "malformed",
#endif
    .version = "0.0.1",
#if defined(BAD_WIT)
    .wit = "package example:plugin@1.0.0;\ninterface api { nothing: func(; }\nworld plugin { export api; }\n",
#elif defined(MISSING_FUNCTION)
    .wit = "package example:plugin@1.0.0;\ninterface api { nothing: func(); something: func(); }\nworld plugin { export api; }\n",
#else
    .wit = "package example:plugin@1.0.0;\ninterface api { nothing: func(); }\nworld plugin { export api; }\n",
#endif
    .world = "plugin",
#if defined(NULL_FUNCTIONS)
    .functions = NULL,
#else
    .functions = functions,
#endif
    .function_count = 1,
  },
};
const wasmplug_plugin_t *wasmplug_plugin_descriptor(void) { return &descriptor.base; }
#endif
