// The hostile test plugin (libhostile.so: the echo plugin built with -DESCAPES and this file).
// echo-string("escape WHAT ARGUMENT") tries one way out of a sandbox and answers what it got,
// or fails with the error the system gave it. Only ever run in a child process
// (isolate=process, where every attempt succeeds, or isolate=sandbox, where none may).
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "wasmplug_plugin.h"

extern char **environ;

static char answer[512];

static int32_t fail(const wasmplug_host_t *host, wasmplug_call_t *call, const char *what, int error) {
  int length = snprintf(answer, sizeof answer, "%s: %s", what, strerror(error));
  host->set_error(call, answer, (size_t)length);
  return 1;
}

static int32_t read_file(const wasmplug_host_t *host, wasmplug_call_t *call, const char *path) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail(host, call, path, errno);
  char buffer[64];
  ssize_t count = read(fd, buffer, sizeof buffer);
  int error = errno;
  close(fd);
  if (count < 0) return fail(host, call, path, error);
  snprintf(answer, sizeof answer, "read %zd bytes of %s", count, path);
  return 0;
}

static int32_t write_file(const wasmplug_host_t *host, wasmplug_call_t *call, const char *path) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return fail(host, call, path, errno);
  ssize_t count = write(fd, "escaped\n", 8);
  int error = errno;
  close(fd);
  if (count != 8) return fail(host, call, path, error);
  snprintf(answer, sizeof answer, "wrote %s", path);
  return 0;
}

static int32_t connect_port(const wasmplug_host_t *host, wasmplug_call_t *call, const char *port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return fail(host, call, "socket", errno);
  struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(port))};
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int connected = connect(fd, (struct sockaddr *)&address, sizeof address);
  int error = errno;
  close(fd);
  if (connected != 0) return fail(host, call, "connect to 127.0.0.1", error);
  snprintf(answer, sizeof answer, "connected to 127.0.0.1:%s", port);
  return 0;
}

static int32_t run_shell(const wasmplug_host_t *host, wasmplug_call_t *call) {
  char *argv[] = {"/bin/sh", "-c", "exit 7", NULL};
  pid_t child;
  int error = posix_spawn(&child, "/bin/sh", NULL, NULL, argv, environ);
  if (error != 0) return fail(host, call, "execve /bin/sh", error);
  int status = 0;
  waitpid(child, &status, 0);
  snprintf(answer, sizeof answer, "ran /bin/sh, which exited with %d", WEXITSTATUS(status));
  return 0;
}

static int32_t fork_many(const wasmplug_host_t *host, wasmplug_call_t *call, int count) {
  pid_t *children = calloc((size_t)count, sizeof *children);
  int made = 0, error = 0;
  for (; made < count; made++) {
    pid_t child = fork();
    if (child == 0) {
      for (;;) pause();
    }
    if (child < 0) {
      error = errno;
      break;
    }
    children[made] = child;
  }
  for (int i = 0; i < made; i++) kill(children[i], SIGKILL);
  for (int i = 0; i < made; i++) waitpid(children[i], NULL, 0);
  free(children);
  if (error) {
    char what[64];
    snprintf(what, sizeof what, "fork after %d processes", made);
    return fail(host, call, what, error);
  }
  snprintf(answer, sizeof answer, "forked %d processes", made);
  return 0;
}

static int32_t allocate(const wasmplug_host_t *host, wasmplug_call_t *call, size_t mebibytes) {
  char *memory = malloc(mebibytes << 20);
  if (!memory) return fail(host, call, "malloc", ENOMEM);
  memset(memory, 1, mebibytes << 20);
  volatile char last = memory[(mebibytes << 20) - 1];
  (void)last;
  free(memory);
  snprintf(answer, sizeof answer, "allocated %zu MiB", mebibytes);
  return 0;
}

static int32_t spin(int seconds) {
  clock_t end = clock() + (clock_t)seconds * CLOCKS_PER_SEC;
  while (clock() < end) {}
  snprintf(answer, sizeof answer, "spun for %d s of CPU time", seconds);
  return 0;
}

int32_t escape(const wasmplug_host_t *host, wasmplug_call_t *call, const wasmplug_str_t *text, wasmplug_str_t *result) {
  char command[256];
  size_t length = text->len < sizeof command - 1 ? text->len : sizeof command - 1;
  memcpy(command, text->ptr, length);
  command[length] = 0;
  char *argument = strchr(command + 7, ' ');
  if (argument) *argument++ = 0; else argument = "";
  const char *what = command + 7;  // after "escape "
  int32_t status;
  if (strcmp(what, "read") == 0) status = read_file(host, call, argument);
  else if (strcmp(what, "write") == 0) status = write_file(host, call, argument);
  else if (strcmp(what, "connect") == 0) status = connect_port(host, call, argument);
  else if (strcmp(what, "exec") == 0) status = run_shell(host, call);
  else if (strcmp(what, "fork") == 0) status = fork_many(host, call, atoi(argument));
  else if (strcmp(what, "alloc") == 0) status = allocate(host, call, (size_t)atol(argument));
  else if (strcmp(what, "spin") == 0) status = spin(atoi(argument));
  else return fail(host, call, what, EINVAL);
  result->ptr = answer;
  result->len = strlen(answer);
  return status;
}
