// The process-wide steps of the sandbox: no_new_privs and the namespaces.
#define _GNU_SOURCE
#include "csandbox.h"
#include <errno.h>
#include <grp.h>
#include <linux/capability.h>
#include <sched.h>
#include <sys/syscall.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

int csandbox_no_new_privs(void) {
  return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0 ? 0 : -errno;
}

int csandbox_unshare(int network) {
  return unshare(CLONE_NEWUSER | (network ? CLONE_NEWNET : 0)) == 0 ? 0 : -errno;
}

/// Makes `capabilities` (bits of the first 32) the effective and permitted set.
static int set_capabilities(uint32_t capabilities) {
  struct __user_cap_header_struct header = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
  struct __user_cap_data_struct data[2] = {{.effective = capabilities, .permitted = capabilities, .inheritable = 0}, {0, 0, 0}};
  return syscall(SYS_capset, &header, data) == 0 ? 0 : -errno;
}

int csandbox_leave_root(uint32_t id, int network) {
  const uint32_t files = 1u << CAP_DAC_OVERRIDE | 1u << CAP_DAC_READ_SEARCH | 1u << CAP_FOWNER;
  if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) != 0) return -errno;
  if (setgroups(0, NULL) != 0 || setresgid(id, id, id) != 0 || setresuid(id, id, id) != 0) return -errno;
  int result = set_capabilities(files | 1u << CAP_SYS_ADMIN);
  if (result == 0 && network && unshare(CLONE_NEWNET) != 0) result = -errno;
  int dropped = set_capabilities(files);
  prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0);
  return dropped < 0 ? dropped : result;
}

static char cpu_limit_line[512];
static size_t cpu_limit_length;

static void on_cpu_limit(int signal_number) {
  ssize_t written = write(STDERR_FILENO, cpu_limit_line, cpu_limit_length);
  (void)written;
  signal(signal_number, SIG_DFL);
  raise(signal_number);
}

int csandbox_report_cpu_limit(const char *line) {
  size_t length = strlen(line);
  if (length >= sizeof cpu_limit_line) length = sizeof cpu_limit_line - 1;
  memcpy(cpu_limit_line, line, length);
  cpu_limit_length = length;
  return signal(SIGXCPU, on_cpu_limit) == SIG_ERR ? -errno : 0;
}
