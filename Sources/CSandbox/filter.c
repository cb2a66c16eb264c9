// The seccomp-bpf filter of a sandboxed plugin: a list of refused system calls (EPERM, so the
// plugin sees an error it can report), clone3 answered ENOSYS (its flags cannot be inspected,
// so libc falls back to clone, whose flags can), and any other architecture's calls killed.
// docs/security-model.md lists the same calls; keep the two in step.
#define _GNU_SOURCE
#include "csandbox.h"
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__x86_64__)
#define FILTER_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define FILTER_ARCH AUDIT_ARCH_AARCH64
#endif

#ifndef SECCOMP_FILTER_FLAG_TSYNC
#define SECCOMP_FILTER_FLAG_TSYNC 1
#endif

int csandbox_filter_supported(void) {
#ifdef FILTER_ARCH
  return 1;
#else
  return 0;
#endif
}

#ifdef FILTER_ARCH

/// Refused outright: starting programs, tracing or reading other processes, mounting,
/// kernel modules and kexec, BPF, namespaces, keyrings, io_uring (which bypasses seccomp),
/// clocks and host names, swap, reboot, and file handles that bypass path checks.
static const int refused[] = {
  __NR_execve, __NR_execveat, __NR_ptrace, __NR_process_vm_readv, __NR_process_vm_writev,
  __NR_pidfd_getfd, __NR_kcmp, __NR_mount, __NR_umount2, __NR_pivot_root, __NR_chroot,
  __NR_fsopen, __NR_fsconfig, __NR_fsmount, __NR_fspick, __NR_move_mount, __NR_open_tree,
  __NR_mount_setattr, __NR_init_module, __NR_finit_module, __NR_delete_module, __NR_kexec_load,
  __NR_kexec_file_load, __NR_bpf, __NR_perf_event_open, __NR_userfaultfd, __NR_unshare, __NR_setns,
  __NR_keyctl, __NR_add_key, __NR_request_key, __NR_io_uring_setup, __NR_io_uring_enter,
  __NR_io_uring_register, __NR_reboot, __NR_swapon, __NR_swapoff, __NR_acct, __NR_quotactl,
  __NR_open_by_handle_at, __NR_name_to_handle_at, __NR_syslog, __NR_settimeofday,
  __NR_clock_settime, __NR_clock_adjtime, __NR_adjtimex, __NR_sethostname, __NR_setdomainname,
  __NR_personality, __NR_vhangup,
#ifdef __NR_iopl
  __NR_iopl, __NR_ioperm,
#endif
};

#define NAMESPACE_FLAGS (CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWCGROUP)
#define ARG_LOW(n) (offsetof(struct seccomp_data, args) + (n) * sizeof(uint64_t))
#define LOAD(offset) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, (offset))
#define RETURN(value) BPF_STMT(BPF_RET | BPF_K, (value))
#define DENY RETURN(SECCOMP_RET_ERRNO | EPERM)
#define ALLOW RETURN(SECCOMP_RET_ALLOW)
/// When A equals `value`, the next instruction; otherwise skip `skip` of them.
#define IF_EQUAL(value, skip) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (value), 0, (skip))
/// When A equals `value`, skip `if_equal` instructions, otherwise `otherwise`.
#define JUMP(value, if_equal, otherwise) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (value), (if_equal), (otherwise))

int csandbox_install_filter(int refuse_datagrams) {
  enum { REFUSED = sizeof refused / sizeof refused[0] };
  struct sock_filter program[REFUSED * 2 + 64];
  unsigned n = 0;
  program[n++] = (struct sock_filter)LOAD(offsetof(struct seccomp_data, arch));
  program[n++] = (struct sock_filter)IF_EQUAL(FILTER_ARCH, 1);
  program[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JA, 1, 0, 0);
  program[n++] = (struct sock_filter)RETURN(SECCOMP_RET_KILL_PROCESS);
  program[n++] = (struct sock_filter)LOAD(offsetof(struct seccomp_data, nr));
#ifdef __x86_64__
  // The x32 ABI's numbers (bit 30) would bypass the list below.
  program[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 0, 1);
  program[n++] = (struct sock_filter)DENY;
#endif
  for (unsigned i = 0; i < REFUSED; i++) {
    program[n++] = (struct sock_filter)IF_EQUAL((unsigned)refused[i], 1);
    program[n++] = (struct sock_filter)DENY;
  }
  program[n++] = (struct sock_filter)IF_EQUAL(__NR_clone3, 1);
  program[n++] = (struct sock_filter)RETURN(SECCOMP_RET_ERRNO | ENOSYS);
  // clone: no new namespaces.
  program[n++] = (struct sock_filter)IF_EQUAL(__NR_clone, 4);
  program[n++] = (struct sock_filter)LOAD(ARG_LOW(0));
  program[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, NAMESPACE_FLAGS, 0, 1);
  program[n++] = (struct sock_filter)DENY;
  program[n++] = (struct sock_filter)ALLOW;
  // ioctl: no typing into the terminal (TIOCSTI, TIOCLINUX).
  program[n++] = (struct sock_filter)IF_EQUAL(__NR_ioctl, 6);
  program[n++] = (struct sock_filter)LOAD(ARG_LOW(1));
  program[n++] = (struct sock_filter)JUMP(TIOCSTI, 0, 1);
  program[n++] = (struct sock_filter)DENY;
  program[n++] = (struct sock_filter)JUMP(TIOCLINUX, 0, 1);
  program[n++] = (struct sock_filter)DENY;
  program[n++] = (struct sock_filter)ALLOW;
  // socket: IPv4 and IPv6 (not raw or packet) and routing netlink only; no Unix sockets
  // (Landlock does not confine connecting to a named one), no packet sockets.
  program[n++] = (struct sock_filter)IF_EQUAL(__NR_socket, 13);  // to the final ALLOW
  program[n++] = (struct sock_filter)LOAD(ARG_LOW(0));
  program[n++] = (struct sock_filter)JUMP(AF_NETLINK, 0, 3);
  program[n++] = (struct sock_filter)LOAD(ARG_LOW(2));
  program[n++] = (struct sock_filter)JUMP(0 /* NETLINK_ROUTE */, 9, 0);
  program[n++] = (struct sock_filter)DENY;
  program[n++] = (struct sock_filter)JUMP(AF_INET, 1, 0);
  program[n++] = (struct sock_filter)JUMP(AF_INET6, 0, 5);
  program[n++] = (struct sock_filter)LOAD(ARG_LOW(1));
  program[n++] = (struct sock_filter)BPF_STMT(BPF_ALU | BPF_AND | BPF_K, 0xf);
  program[n++] = (struct sock_filter)JUMP(SOCK_RAW, 2, 0);
  program[n++] = (struct sock_filter)JUMP(SOCK_PACKET, 1, 0);
  // With connect=, Landlock limits TCP only: no UDP either.
  program[n++] = (struct sock_filter)JUMP(refuse_datagrams ? SOCK_DGRAM : SOCK_RAW, 0, 1);
  program[n++] = (struct sock_filter)DENY;
  program[n++] = (struct sock_filter)ALLOW;
  struct sock_fprog filter = {.len = (unsigned short)n, .filter = program};
  if (syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, &filter) != 0) return -errno;
  return 0;
}

#else

int csandbox_install_filter(int refuse_datagrams) {
  (void)refuse_datagrams;
  return -ENOSYS;
}

#endif
