// bench.wasm: loops that call the host from inside the guest, so a measurement covers
// millions of guest->host calls in one host->guest call. Compiled with clang -O2.
#include <stddef.h>
#include <stdint.h>

#define HEAP_SIZE (40 << 20)  // a 16 MiB echo: the text and its answer
#include "cabi_realloc.h"

__attribute__((import_module("wasmplug:bench/host@0.1.0"), import_name("f")))
extern uint32_t host_f(uint32_t x);

__attribute__((import_module("wasmplug:bench/host@0.1.0"), import_name("add")))
extern uint32_t host_add(uint32_t a, uint32_t b);

__attribute__((import_module("wasmplug:bench/host@0.1.0"), import_name("sum")))
extern uint64_t host_sum(const uint32_t *values, size_t count);

__attribute__((import_module("wasmplug:bench/host@0.1.0"), import_name("echo")))
extern void host_echo(const char *ptr, size_t len, void *result);

__attribute__((export_name("wasmplug:bench/runner@0.1.0#call-f")))
uint32_t call_f(uint32_t n) {
  uint32_t acc = 0;
  for (uint32_t i = 0; i < n; i++) acc += host_f(i);
  return acc;
}

__attribute__((export_name("wasmplug:bench/runner@0.1.0#call-echo")))
uint32_t call_echo(uint32_t n, uint32_t size) {
  heap_used = 0;
  char *text = cabi_realloc(NULL, 0, 1, size);
  for (uint32_t i = 0; i < size; i++) text[i] = 'a' + (char)(i % 26);
  size_t mark = heap_used;
  struct { char *ptr; size_t len; } result;
  uint32_t total = 0;
  for (uint32_t i = 0; i < n; i++) {
    heap_used = mark; // the previous answer is no longer needed
    host_echo(text, size, &result);
    total += (uint32_t)result.len;
  }
  return total;
}

__attribute__((noinline)) static uint32_t g(uint32_t x) {
  __asm__ volatile("" ::: "memory"); // keep the call: the pure-wasm baseline
  return x + 1;
}

__attribute__((export_name("wasmplug:bench/runner@0.1.0#call-pure")))
uint32_t call_pure(uint32_t n) {
  uint32_t acc = 0;
  for (uint32_t i = 0; i < n; i++) acc += g(i);
  return acc;
}

__attribute__((export_name("wasmplug:bench/runner@0.1.0#call-add")))
uint32_t call_add(uint32_t n) {
  uint32_t acc = 0;
  for (uint32_t i = 0; i < n; i++) acc = host_add(acc, i);
  return acc;
}

__attribute__((export_name("wasmplug:bench/runner@0.1.0#call-sum")))
uint64_t call_sum(uint32_t n, uint32_t count) {
  heap_used = 0;
  uint32_t *values = cabi_realloc(NULL, 0, 4, (size_t)count * 4);
  for (uint32_t i = 0; i < count; i++) values[i] = i;
  uint64_t total = 0;
  for (uint32_t i = 0; i < n; i++) total += host_sum(values, count);
  return total;
}
