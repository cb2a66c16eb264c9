import Foundation

/// Start-up time of whole processes (`wasmplug run`, `wasmtime run`), median of several runs.
public struct StartupBenchmark {
    /// Wall-clock milliseconds of each run of `command`, which must exit with status 0.
    public static func milliseconds(
        _ command: [String], runs: Int, environment: [String: String] = [:], before: () throws -> Void = {}
    ) throws -> [Double] {
        var samples: [Double] = []
        for _ in 0..<runs {
            try before()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = command
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let start = DispatchTime.now().uptimeNanoseconds
            try process.run()
            process.waitUntilExit()
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
            guard process.terminationStatus == 0 else {
                throw BenchmarkError("\(command.joined(separator: " ")) exited with status \(process.terminationStatus)")
            }
            samples.append(elapsed)
        }
        return samples
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
