// A WASI preview 1 program built with clang and Debian's wasi-libc, as a person's own C
// program would be: each mode uses one part of WASI through the C library.
//   args            print every argument, argv[0] included
//   env NAME...     print NAME=value for each, or NAME=(unset)
//   cat PATH        copy a file to stdout (a path in a preopened directory)
//   write PATH TEXT write TEXT to a file
//   clock           check the wall clock and the monotonic clock
//   exit N          exit with status N
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int copy_to_stdout(const char *path) {
  FILE *file = fopen(path, "r");
  if (!file) {
    perror(path);
    return 1;
  }
  char buffer[256];
  size_t count;
  while ((count = fread(buffer, 1, sizeof buffer, file)) > 0) fwrite(buffer, 1, count, stdout);
  fclose(file);
  return 0;
}

static int write_file(const char *path, const char *text) {
  FILE *file = fopen(path, "w");
  if (!file) {
    perror(path);
    return 1;
  }
  fputs(text, file);
  fclose(file);
  return 0;
}

static int check_clocks(void) {
  struct timespec wall, first, second;
  clock_gettime(CLOCK_REALTIME, &wall);
  clock_gettime(CLOCK_MONOTONIC, &first);
  clock_gettime(CLOCK_MONOTONIC, &second);
  int monotonic = second.tv_sec > first.tv_sec || (second.tv_sec == first.tv_sec && second.tv_nsec >= first.tv_nsec);
  printf("wall clock after 2020: %s\n", wall.tv_sec > 1577836800 ? "yes" : "no");
  printf("monotonic clock: %s\n", monotonic ? "yes" : "no");
  return 0;
}

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "";
  if (!strcmp(mode, "args")) {
    for (int i = 0; i < argc; i++) printf("arg %d: %s\n", i, argv[i]);
    return 0;
  }
  if (!strcmp(mode, "env")) {
    for (int i = 2; i < argc; i++) {
      const char *value = getenv(argv[i]);
      printf("%s=%s\n", argv[i], value ? value : "(unset)");
    }
    return 0;
  }
  if (!strcmp(mode, "cat") && argc == 3) return copy_to_stdout(argv[2]);
  if (!strcmp(mode, "write") && argc == 4) return write_file(argv[2], argv[3]);
  if (!strcmp(mode, "clock")) return check_clocks();
  if (!strcmp(mode, "exit") && argc == 3) return atoi(argv[2]);
  fprintf(stderr, "usage: %s args | env NAME... | cat PATH | write PATH TEXT | clock | exit N\n", argv[0]);
  return 2;
}
