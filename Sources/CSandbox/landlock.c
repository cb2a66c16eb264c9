// Landlock through its raw system calls (glibc has no wrappers). The constants are the
// kernel's UAPI values, spelled out so that an older linux/landlock.h still builds.
#define _GNU_SOURCE
#include "csandbox.h"
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef __NR_landlock_create_ruleset
#define __NR_landlock_create_ruleset 444
#define __NR_landlock_add_rule 445
#define __NR_landlock_restrict_self 446
#endif

#define CREATE_RULESET_VERSION (1U << 0)
#define RULE_PATH_BENEATH 1
#define RULE_NET_PORT 2

#define FS_EXECUTE (1ULL << 0)
#define FS_WRITE_FILE (1ULL << 1)
#define FS_READ_FILE (1ULL << 2)
#define FS_READ_DIR (1ULL << 3)
#define FS_REMOVE_DIR (1ULL << 4)
#define FS_REMOVE_FILE (1ULL << 5)
#define FS_MAKE_CHAR (1ULL << 6)
#define FS_MAKE_DIR (1ULL << 7)
#define FS_MAKE_REG (1ULL << 8)
#define FS_MAKE_SOCK (1ULL << 9)
#define FS_MAKE_FIFO (1ULL << 10)
#define FS_MAKE_BLOCK (1ULL << 11)
#define FS_MAKE_SYM (1ULL << 12)
#define FS_REFER (1ULL << 13)     // ABI 2
#define FS_TRUNCATE (1ULL << 14)  // ABI 3
#define FS_IOCTL_DEV (1ULL << 15) // ABI 5
#define NET_BIND_TCP (1ULL << 0)  // ABI 4
#define NET_CONNECT_TCP (1ULL << 1)
#define SCOPE_ABSTRACT_UNIX_SOCKET (1ULL << 0) // ABI 6
#define SCOPE_SIGNAL (1ULL << 1)

struct ruleset_attr {
  uint64_t handled_access_fs;
  uint64_t handled_access_net;
  uint64_t scoped;
};

struct path_beneath_attr {
  uint64_t allowed_access;
  int32_t parent_fd;
} __attribute__((packed));

struct net_port_attr {
  uint64_t allowed_access;
  uint64_t port;
};

static int result(long value) { return value < 0 ? -errno : (int)value; }

/// Every filesystem right the kernel's ABI knows.
static uint64_t handled_fs(int abi) {
  uint64_t rights = (FS_MAKE_SYM << 1) - 1;
  if (abi >= 2) rights |= FS_REFER;
  if (abi >= 3) rights |= FS_TRUNCATE;
  if (abi >= 5) rights |= FS_IOCTL_DEV;
  return rights;
}

int csandbox_landlock_abi(void) {
  return result(syscall(__NR_landlock_create_ruleset, NULL, 0, CREATE_RULESET_VERSION));
}

int csandbox_landlock_ruleset(int abi, int handle_tcp) {
  struct ruleset_attr attr = {.handled_access_fs = handled_fs(abi)};
  if (handle_tcp) {
    if (abi < 4) return -EOPNOTSUPP;
    attr.handled_access_net = NET_BIND_TCP | NET_CONNECT_TCP;
  }
  if (abi >= 6) attr.scoped = SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL;
  size_t size = abi >= 6 ? sizeof attr : abi >= 4 ? 2 * sizeof(uint64_t) : sizeof(uint64_t);
  return result(syscall(__NR_landlock_create_ruleset, &attr, size, 0));
}

static int add_path(int ruleset, const char *path, uint64_t access, int directory_only) {
  int fd = open(path, O_PATH | O_CLOEXEC);
  if (fd < 0) return -errno;
  struct stat status;
  if (fstat(fd, &status) != 0) {
    int error = errno;
    close(fd);
    return -error;
  }
  if (!S_ISDIR(status.st_mode)) {
    if (directory_only) {
      close(fd);
      return -ENOTDIR;
    }
    access &= FS_EXECUTE | FS_WRITE_FILE | FS_READ_FILE | FS_TRUNCATE | FS_IOCTL_DEV;
  }
  struct path_beneath_attr attr = {.allowed_access = access, .parent_fd = fd};
  int added = result(syscall(__NR_landlock_add_rule, ruleset, RULE_PATH_BENEATH, &attr, 0));
  close(fd);
  return added < 0 ? added : 0;
}

int csandbox_landlock_allow_path(int ruleset, int abi, const char *path, int writable) {
  uint64_t access = FS_READ_FILE | FS_READ_DIR;
  if (writable) {
    access = handled_fs(abi) & ~(FS_EXECUTE | FS_MAKE_CHAR | FS_MAKE_BLOCK | FS_IOCTL_DEV);
  }
  return add_path(ruleset, path, access, 0);
}

int csandbox_landlock_allow_sockets(int ruleset, const char *path) {
  return add_path(ruleset, path, FS_MAKE_SOCK | FS_REMOVE_FILE, 1);
}

int csandbox_landlock_allow_connect(int ruleset, uint16_t port) {
  struct net_port_attr attr = {.allowed_access = NET_CONNECT_TCP, .port = port};
  int added = result(syscall(__NR_landlock_add_rule, ruleset, RULE_NET_PORT, &attr, 0));
  return added < 0 ? added : 0;
}

int csandbox_landlock_enforce(int ruleset) {
  int enforced = result(syscall(__NR_landlock_restrict_self, ruleset, 0));
  close(ruleset);
  return enforced < 0 ? enforced : 0;
}
