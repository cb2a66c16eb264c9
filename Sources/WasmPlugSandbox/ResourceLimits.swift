import CSandbox
import Foundation
import WasmPlugProvider

/// A sandboxed plugin's resource limits, as rlimits of its process (hard limits too, so the
/// plugin cannot raise them): memory as RLIMIT_DATA, CPU time as RLIMIT_CPU (past it the child
/// says so on standard error and dies of SIGXCPU), open files, processes and threads.
struct ResourceLimits {
    let policy: SandboxPolicy

    init(_ policy: SandboxPolicy) { self.policy = policy }

    func apply() throws(HostError) {
        try set(RLIMIT_DATA.rawValue, policy.memory.map { rlim_t($0) }, "memory")
        try set(RLIMIT_NOFILE.rawValue, policy.files.map { rlim_t($0) }, "files")
        try set(__RLIMIT_NPROC.rawValue, policy.processes.map { rlim_t($0) }, "processes")
        if let seconds = policy.cpuSeconds {
            let line = "wasmplug: the sandboxed plugin used its CPU time limit (cpu=\(seconds)s) and was stopped\n"
            _ = csandbox_report_cpu_limit(line)
            // The soft limit sends SIGXCPU; the hard one, a second later, SIGKILL.
            try set(RLIMIT_CPU.rawValue, rlim_t(seconds), "cpu", hard: rlim_t(seconds + 1))
        }
    }

    private func set(_ resource: UInt32, _ value: rlim_t?, _ key: String, hard: rlim_t? = nil) throws(HostError) {
        guard let value else { return }
        var limit = rlimit(rlim_cur: value, rlim_max: hard ?? value)
        var current = rlimit()
        if getrlimit(Int32(resource), &current) == 0, limit.rlim_max > current.rlim_max {
            limit = rlimit(rlim_cur: min(value, current.rlim_max), rlim_max: current.rlim_max)
        }
        guard setrlimit(Int32(resource), &limit) == 0 else {
            throw HostError("isolate=sandbox: cannot set the \(key)= limit: \(String(cString: strerror(errno)))")
        }
    }
}
