// without-feature FEATURE COMMAND...: runs COMMAND as on a kernel without FEATURE (landlock,
// seccomp or user-namespace), by a seccomp filter answering that feature's system call with
// the error such a kernel gives. The sandbox tests use it to see a missing feature refused.
#define _GNU_SOURCE
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: without-feature landlock|seccomp|user-namespace COMMAND...\n");
    return 2;
  }
  unsigned call, error;
  if (strcmp(argv[1], "landlock") == 0) call = __NR_landlock_create_ruleset, error = ENOSYS;
  else if (strcmp(argv[1], "seccomp") == 0) call = __NR_seccomp, error = ENOSYS;
  else if (strcmp(argv[1], "user-namespace") == 0) call = __NR_unshare, error = EPERM;
  else {
    fprintf(stderr, "without-feature: unknown feature %s\n", argv[1]);
    return 2;
  }
  struct sock_filter program[] = {
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, call, 0, 1),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | error),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  };
  struct sock_fprog filter = {.len = sizeof program / sizeof program[0], .filter = program};
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &filter) != 0) {
    perror("without-feature");
    return 2;
  }
  execvp(argv[2], argv + 2);
  perror(argv[2]);
  return 127;
}
