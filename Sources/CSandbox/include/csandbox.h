// The Linux system calls the sandbox of a plugin's child process needs (isolate=sandbox):
// Landlock, the seccomp-bpf filter and the namespaces. Every function returns 0 (or a
// non-negative value) on success and -errno on failure.
#ifndef CSANDBOX_H
#define CSANDBOX_H

#include <stdint.h>

/// The Landlock ABI version the kernel offers, or -errno (-ENOSYS, -EOPNOTSUPP: no Landlock).
int csandbox_landlock_abi(void);

/// A new Landlock ruleset handling every filesystem right of `abi`, and (abi >= 4) TCP bind
/// and connect when `handle_tcp`; returns its file descriptor.
int csandbox_landlock_ruleset(int abi, int handle_tcp);

/// Allows `path` (and, for a directory, everything beneath it): reading, plus writing when
/// `writable`. A file gets only the rights that apply to files.
int csandbox_landlock_allow_path(int ruleset, int abi, const char *path, int writable);

/// Allows `path`, a directory, to get and lose Unix sockets (the server's own socket).
int csandbox_landlock_allow_sockets(int ruleset, const char *path);

/// Allows TCP connections to `port` (abi >= 4).
int csandbox_landlock_allow_connect(int ruleset, uint16_t port);

/// Enforces the ruleset on the calling thread and the threads it starts afterwards; closes it.
/// (With abi >= 6 the ruleset also keeps signals and abstract Unix sockets inside the sandbox.)
int csandbox_landlock_enforce(int ruleset);

/// Sets no_new_privs: no execve can ever grant more privileges.
int csandbox_no_new_privs(void);

/// Moves the (single-threaded) process into a new user namespace, and a new network namespace
/// too when `network`.
int csandbox_unshare(int network);

/// When the CPU time limit's signal (SIGXCPU) arrives, writes `line` to standard error, then
/// dies of the signal.
int csandbox_report_cpu_limit(const char *line);

/// For a process running as root, where RLIMIT_NPROC does not apply: becomes user and group
/// `id`, keeping only the capabilities that pass file permission checks (CAP_DAC_OVERRIDE,
/// CAP_DAC_READ_SEARCH, CAP_FOWNER), after moving into a new network namespace when `network`.
/// Returns -errno of the namespace step if only that failed (the identity is changed anyway).
int csandbox_leave_root(uint32_t id, int network);

/// Installs the seccomp filter (docs/security-model.md lists what it refuses) on every thread
/// of the process. `refuse_datagrams`: also refuse IPv4 and IPv6 datagram (UDP) sockets.
int csandbox_install_filter(int refuse_datagrams);

/// Whether this build has a filter for the machine's architecture.
int csandbox_filter_supported(void);

#endif
