// A native plugin implementing wasmplug:test/host: every echo-* returns its argument, and a
// `counter` resource lives in per-store state. Built by Tests/Plugins/build.sh, which also
// generates test_wit.h from Tests/Guests/wit/test/test.wit.
//
// Each echo copies its parameter's native layout into the result (docs/native-plugin-abi.md):
// strings and lists point at the borrowed argument memory, which the runtime reads before
// the call ends.
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "wasmplug_plugin.h"
#include "test_wit.h"

#define HOST "wasmplug:test/host@0.1.0#"

#ifdef ESCAPES
// c/escapes.c: echo-string("escape ...") tries a way out of a sandbox.
int32_t escape(const wasmplug_host_t *host, wasmplug_call_t *call, const wasmplug_str_t *text, wasmplug_str_t *result);
#endif

typedef struct {
  uint32_t *values;  // counter values by representation - 1
  uint8_t *alive;
  uint32_t count;
} state_t;

// Observed by the tests through dlsym: states and counters currently alive.
int echo_plugin_live_states;
int echo_plugin_live_counters;

static const wasmplug_host_t *host;

static void *create_state(const wasmplug_host_t *h, const wasmplug_config_entry_t *config, size_t count,
                          const char **error) {
  host = h;
  for (size_t i = 0; i < count; i++) {
    if (config[i].key.len == 6 && memcmp(config[i].key.ptr, "refuse", 6) == 0) {
      *error = "configured with refuse=...";
      return NULL;
    }
  }
  echo_plugin_live_states++;
  return calloc(1, sizeof(state_t));
}

static void destroy_state(void *opaque) {
  state_t *state = opaque;
  free(state->values);
  free(state->alive);
  free(state);
  echo_plugin_live_states--;
}

#define ECHO(fn, size)                                                                     \
  static int32_t fn(void *state, wasmplug_call_t *call, const void *args, void *results) { \
    (void)state; (void)call;                                                               \
    memcpy(results, args, size);                                                           \
    return 0;                                                                              \
  }

ECHO(echo_1, 1)   // bool, s8, u8, enum color, flags perms
ECHO(echo_2, 2)   // s16, u16
ECHO(echo_4, 4)   // s32, u32, f32, char
ECHO(echo_8, 8)   // s64, u64, f64
ECHO(echo_16, 16) // list<u8>, list<u32>
ECHO(echo_24, 24) // option<string>, result<u32, string>
ECHO(echo_32, 32) // event, tuple<u8, string, f64>
ECHO(echo_64, 64) // shape

// A string echo that fails on request, to show how a plugin reports an error; and that
// misbehaves on request, for the isolation tests (only ever run in a child process).
static int32_t echo_string(void *state, wasmplug_call_t *call, const void *args, void *results) {
  const wasmplug_str_t *text = args;
  if (text->len == 12 && memcmp(text->ptr, "please crash", 12) == 0) *(volatile int *)0 = 1;
  if (text->len == 12 && memcmp(text->ptr, "please abort", 12) == 0) abort();
  if (text->len == 11 && memcmp(text->ptr, "please hang", 11) == 0) for (;;) sleep(60);
  if (text->len == 11 && memcmp(text->ptr, "please fail", 11) == 0) {
    static const char message[] = "asked to fail";
    host->set_error(call, message, sizeof message - 1);
    return 1;
  }
#ifdef ESCAPES
  if (text->len > 7 && memcmp(text->ptr, "escape ", 7) == 0) return escape(host, call, text, results);
#endif
  return echo_16(state, call, args, results);
}

#define ECHO_PLUGIN_CRASHING_COUNT 4000000000u

static int32_t counter_new(void *opaque, wasmplug_call_t *call, const void *args, void *results) {
  (void)call;
  state_t *state = opaque;
  uint32_t n = state->count + 1;
  state->values = realloc(state->values, n * sizeof *state->values);
  state->alive = realloc(state->alive, n);
  state->values[n - 1] = *(const uint32_t *)args;
  state->alive[n - 1] = 1;
  state->count = n;
  echo_plugin_live_counters++;
  *(uint32_t *)results = n;  // the representation: index + 1
  return 0;
}

static uint32_t *counter(state_t *state, uint32_t rep) {
  return rep >= 1 && rep <= state->count && state->alive[rep - 1] ? &state->values[rep - 1] : NULL;
}

static int32_t counter_increment(void *opaque, wasmplug_call_t *call, const void *args, void *results) {
  (void)call;
  uint32_t *value = counter(opaque, *(const uint32_t *)args);
  if (!value) return 1;
  *(uint32_t *)results = ++*value;
  // Reaching this value crashes, so the isolation tests can crash the plugin in the middle of
  // a guest's run of calls (only ever asked of a plugin in a child process).
  if (*value == ECHO_PLUGIN_CRASHING_COUNT) *(volatile int *)0 = 1;
  return 0;
}

static int32_t counter_total(void *opaque, wasmplug_call_t *call, const void *args, void *results) {
  (void)call;
  uint32_t *value = counter(opaque, *(const uint32_t *)args);
  if (!value) return 1;
  *(uint32_t *)results = *value;
  return 0;
}

static void counter_drop(void *opaque, uint32_t rep) {
  state_t *state = opaque;
  if (counter(state, rep)) {
    state->alive[rep - 1] = 0;
    echo_plugin_live_counters--;
  }
}

static const wasmplug_function_t functions[] = {
  {HOST "echo-bool", echo_1},   {HOST "echo-s8", echo_1},    {HOST "echo-u8", echo_1},
  {HOST "echo-s16", echo_2},    {HOST "echo-u16", echo_2},   {HOST "echo-s32", echo_4},
  {HOST "echo-u32", echo_4},    {HOST "echo-s64", echo_8},   {HOST "echo-u64", echo_8},
  {HOST "echo-f32", echo_4},    {HOST "echo-f64", echo_8},   {HOST "echo-char", echo_4},
  {HOST "echo-string", echo_string}, {HOST "echo-bytes", echo_16}, {HOST "echo-list", echo_16},
  {HOST "echo-shape", echo_64}, {HOST "echo-event", echo_32}, {HOST "echo-color", echo_1},
  {HOST "echo-perms", echo_1},  {HOST "echo-option", echo_24}, {HOST "echo-result", echo_24},
  {HOST "echo-tuple", echo_32},
  {HOST "[constructor]counter", counter_new},
  {HOST "[method]counter.increment", counter_increment},
  {HOST "counter-total", counter_total},
};

static const wasmplug_resource_t resources[] = {{HOST "counter", counter_drop}};
static const wasmplug_config_key_t config_keys[] = {{"refuse", "refuse to create state (for tests)"}};

static const wasmplug_plugin_t descriptor = {
  .abi_version = WASMPLUG_ABI_VERSION,
  .size = sizeof(wasmplug_plugin_t),
  .name = "echo",
  .version = "0.1.0",
  .wit = TEST_WIT,
  .world = "echo-plugin",
  .functions = functions,
  .function_count = sizeof functions / sizeof functions[0],
  .resources = resources,
  .resource_count = 1,
  .config_keys = config_keys,
  .config_key_count = 1,
  .create_state = create_state,
  .destroy_state = destroy_state,
  .flags = 0,
};

const wasmplug_plugin_t *wasmplug_plugin_descriptor(void) { return &descriptor; }
