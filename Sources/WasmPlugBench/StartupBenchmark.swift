import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Start-up of whole processes (`wasmplug run`, `wasmtime run`): wall time and peak memory,
/// medians of several runs.
public struct StartupBenchmark {
    /// What one run of a process cost.
    public struct Sample: Sendable {
        /// Wall-clock milliseconds from spawning the process to reaping it.
        public var milliseconds: Double
        /// The process's peak resident memory (its maximum RSS, from `wait4`), in MiB. Linux
        /// counts the spawning process's peak before the exec too (posix_spawn shares its memory
        /// until then), so it is measured while this process is still small.
        public var peakMiB: Double
    }

    /// Each run of `command` (searched on PATH), which must exit with status 0; its output is
    /// discarded.
    public static func samples(
        _ command: [String], runs: Int, environment: [String: String] = [:], before: () throws -> Void = {}
    ) throws -> [Sample] {
        let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0)=\($1)" }
        var samples: [Sample] = []
        for _ in 0..<runs {
            try before()
            samples.append(try run(command, environment: variables))
        }
        return samples
    }

    private static func run(_ command: [String], environment: [String]) throws -> Sample {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let spawned = withCStrings(command) { argv in
            withCStrings(environment) { envp in posix_spawnp(&pid, command[0], &actions, nil, argv, envp) }
        }
        guard spawned == 0 else { throw BenchmarkError("cannot start \(command[0]): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchmarkError("waiting for \(command[0]): \(String(cString: strerror(errno)))") }
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
        // WIFEXITED and WEXITSTATUS, which Swift does not import.
        guard status & 0x7F == 0, (status >> 8) & 0xFF == 0 else {
            throw BenchmarkError("\(command.joined(separator: " ")) failed (wait status \(status))")
        }
        return Sample(milliseconds: elapsed, peakMiB: Double(usage.ru_maxrss) / 1024)  // Linux gives KiB
    }

    /// Calls `body` with a NULL-terminated C array of copies of `strings`.
    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        let copies = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        return body(copies + [nil])
    }

    public static func median(_ samples: [Double]) -> Double {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}

/// A benchmark that could not run, with the reason.
public struct BenchmarkError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) {
        self.description = description
    }
}
