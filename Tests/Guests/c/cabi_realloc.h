// The canonical ABI's allocator for the C test guests: a bump allocator over a static heap.
// Guests reset `heap_used` when the memory handed out is no longer needed.
#include <stddef.h>

static unsigned char heap[HEAP_SIZE];
static size_t heap_used;

__attribute__((export_name("cabi_realloc")))
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
  size_t start = (heap_used + align - 1) & ~(align - 1);
  if (start + new_size > sizeof heap) __builtin_trap();
  unsigned char *fresh = heap + start;
  for (size_t i = 0; old && i < old_size && i < new_size; i++) fresh[i] = ((unsigned char *)old)[i];
  heap_used = start + new_size;
  return fresh;
}
