// calc.wasm: a component written in C, compiled freestanding with clang --target=wasm32.
// It implements the canonical ABI by hand: a bump allocator for cabi_realloc and a return
// area for the string result.
#include <stddef.h>
#include <stdint.h>

#define HEAP_SIZE (1 << 20)
#include "cabi_realloc.h"

__attribute__((export_name("wasmplug:test/calc@0.1.0#add")))
uint32_t calc_add(uint32_t a, uint32_t b) { return a + b; }

__attribute__((export_name("wasmplug:test/calc@0.1.0#divide")))
int32_t calc_divide(int32_t a, int32_t b) {
  if (b == 0) __builtin_trap();
  return a / b;
}

static struct { char *ptr; size_t len; } greet_result;

__attribute__((export_name("wasmplug:test/calc@0.1.0#greet")))
void *calc_greet(const char *name, size_t len) {
  static const char prefix[] = "Hello, ";
  size_t total = sizeof prefix - 1 + len + 1;
  char *out = cabi_realloc(NULL, 0, 1, total);
  size_t n = 0;
  for (size_t i = 0; i < sizeof prefix - 1; i++) out[n++] = prefix[i];
  for (size_t i = 0; i < len; i++) out[n++] = name[i];
  out[n++] = '!';
  greet_result.ptr = out;
  greet_result.len = n;
  return &greet_result;
}

// Called after the host has copied the result out: the memory can be reused.
__attribute__((export_name("cabi_post_wasmplug:test/calc@0.1.0#greet")))
void calc_greet_post(void *result) { (void)result; heap_used = 0; }
