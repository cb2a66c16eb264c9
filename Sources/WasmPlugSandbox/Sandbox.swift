import CSandbox
import Foundation
import WasmPlugProvider

/// Confines the process of a sandboxed plugin (`isolate=sandbox`), in two steps: `confine`
/// while the process still has one thread (before the server starts its threads), and
/// `filterSystemCalls` once the server listens, before the plugin library is loaded.
/// A kernel feature it needs and lacks refuses the run, unless the policy's `without=` names it.
public enum Sandbox {
    /// The process-wide confinement: a user namespace and (unless `net=host`) a network
    /// namespace, no_new_privs, the resource limits, and Landlock rules allowing `library`,
    /// the directories libraries load from, the policy's paths, and the server socket's
    /// `socketDirectory` (sockets only).
    public static func confine(_ policy: SandboxPolicy, library: String, socketDirectory: String?) throws(HostError) {
        let threads = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").count) ?? 1
        guard threads == 1 else {
            throw HostError("isolate=sandbox: the process already runs \(threads) threads; the sandbox must come before them")
        }
        let abi = csandbox_landlock_abi()
        if abi < 1, !policy.without.contains(.landlock) {
            throw missing(.landlock, "Landlock (filesystem confinement)", errno: -abi)
        }
        if csandbox_filter_supported() == 0, !policy.without.contains(.seccomp) {
            throw missing(.seccomp, "a seccomp filter for this architecture", errno: ENOSYS)
        }
        try enterNamespaces(policy)
        try check(csandbox_no_new_privs(), "prctl(PR_SET_NO_NEW_PRIVS)")
        try ResourceLimits(policy).apply()
        if abi >= 1 {
            try restrictFiles(policy, abi: abi, library: library, socketDirectory: socketDirectory)
        }
    }

    /// A new user namespace (and network namespace); or, for root, whom RLIMIT_NPROC does not
    /// bind, an unused user id of its own (`rootReplacement`) and a network namespace.
    private static func enterNamespaces(_ policy: SandboxPolicy) throws(HostError) {
        let network: Int32 = policy.sharesHostNetwork ? 0 : 1
        let result: Int32
        if geteuid() == 0 {
            let id = rootReplacement
            result = csandbox_leave_root(id, network)
            if getuid() != id { try check(result, "changing from root to user id \(id)") }
        } else {
            result = csandbox_unshare(network)
        }
        if result < 0, !policy.without.contains(.userNamespace) {
            throw missing(.userNamespace, "namespaces (unshare)", errno: -result,
                          effect: " (the plugin would share the host's network, and its process limit all of the user's processes)")
        }
    }

    /// The user id a sandboxed child of root runs as: one unlikely to belong to anyone
    /// (2147418112 plus the process id modulo 65536), so the process limit counts its own processes.
    static var rootReplacement: UInt32 { 0x7FFF_0000 | (UInt32(getpid()) & 0xFFFF) }

    /// Installs the seccomp filter on every thread (unless the policy runs `without=seccomp`).
    public static func filterSystemCalls(_ policy: SandboxPolicy) throws(HostError) {
        guard csandbox_filter_supported() != 0 else { return }  // `confine` refused this unless without=seccomp
        let installed = csandbox_install_filter(policy.connectPorts.isEmpty || policy.hostNetwork ? 0 : 1)
        if installed < 0, !policy.without.contains(.seccomp) {
            throw missing(.seccomp, "seccomp filters", errno: -installed)
        }
    }

    private static func restrictFiles(_ policy: SandboxPolicy, abi: Int32, library: String, socketDirectory: String?) throws(HostError) {
        let ports = policy.hostNetwork ? [] : policy.connectPorts
        if !ports.isEmpty, abi < 4, !policy.without.contains(.landlock) {
            throw missing(.landlock, "Landlock's TCP rules (ABI 4, for connect=)", errno: EOPNOTSUPP)
        }
        let ruleset = csandbox_landlock_ruleset(abi, ports.isEmpty || abi < 4 ? 0 : 1)
        try check(ruleset, "landlock_create_ruleset")
        var granted = false
        defer { if !granted { close(ruleset) } }
        for path in [library] + LibraryDirectories.current() + policy.readable {
            try check(csandbox_landlock_allow_path(ruleset, abi, path, 0), "allow-read=\(path)", pathError: true)
        }
        for path in LibraryDirectories.devices + policy.writable {
            try check(csandbox_landlock_allow_path(ruleset, abi, path, 1), "allow-write=\(path)", pathError: true)
        }
        for port in ports where abi >= 4 {
            try check(csandbox_landlock_allow_connect(ruleset, port), "connect=\(port)")
        }
        if let socketDirectory {
            try check(csandbox_landlock_allow_sockets(ruleset, socketDirectory), "the socket's directory \(socketDirectory)")
        }
        granted = true
        try check(csandbox_landlock_enforce(ruleset), "landlock_restrict_self")
    }

    private static func missing(_ feature: SandboxFeature, _ name: String, errno: Int32, effect: String = "") -> HostError {
        HostError("isolate=sandbox: this kernel does not give \(name): \(String(cString: strerror(errno))); "
            + "add without=\(feature.rawValue) to run without it\(effect)")
    }

    private static func check(_ result: Int32, _ step: String, pathError: Bool = false) throws(HostError) {
        guard result < 0 else { return }
        let reason = String(cString: strerror(-result))
        throw HostError(pathError ? "isolate=sandbox: \(step): \(reason); name a path that exists"
                                  : "isolate=sandbox: \(step) failed: \(reason)")
    }
}
