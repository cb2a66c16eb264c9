import Foundation
import WasmPlugTestSupport
import XCTest

/// Runs the built `wasmplug` executable as a person would, capturing what it prints.
struct CLIResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum CLI {
    /// The `wasmplug` under test: the one in `WASMPLUG_BIN_DIR` when that is set (scripts/test.sh
    /// runs these tests a second time against `.build/release`, which users run), otherwise the one
    /// built beside the test bundle. The plugins the tests take from beside it come from there too.
    static let executable: URL = {
        if let directory = ProcessInfo.processInfo.environment["WASMPLUG_BIN_DIR"], !directory.isEmpty {
            let folder = directory.hasPrefix("/") ? URL(fileURLWithPath: directory) : Toolchain.repository.appendingPathComponent(directory)
            return folder.appendingPathComponent("wasmplug")
        }
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("wasmplug")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        return Toolchain.repository.appendingPathComponent(".build/debug/wasmplug")
    }()

    /// `wasmplug-bench`, built beside ``executable``.
    static var bench: URL { executable.deletingLastPathComponent().appendingPathComponent("wasmplug-bench") }

    /// A guest built by Tests/Guests/build.sh.
    static func guest(_ name: String) -> String { Toolchain.guestPath(name) }

    /// Runs `wasmplug arguments...`, killing it after `timeout` seconds.
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 120,
                    executable: URL = executable) throws -> CLIResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        process.environment = env
        // Output goes to files, so a chatty guest can never block on a full pipe.
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outURL = directory.appendingPathComponent("stdout"), errURL = directory.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            XCTFail("\(executable.lastPathComponent) \(arguments.joined(separator: " ")) did not finish within \(timeout)s")
        }
        process.waitUntilExit()
        try out.close()
        try err.close()
        let stdoutData = try Data(contentsOf: outURL), stderrData = try Data(contentsOf: errURL)
        return CLIResult(
            status: process.terminationStatus,
            stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self))
    }
}

extension CLIResult {
    /// Asserts that the run failed with exactly one line on stderr containing `fragment`.
    func assertFails(containing fragment: String, status expected: Int32 = 1, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(status, expected, "exit status; stderr: \(stderr)", file: file, line: line)
        let lines = stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, "expected one line on stderr, got: \(stderr)", file: file, line: line)
        XCTAssertTrue(stderr.hasPrefix("error: "), "stderr: \(stderr)", file: file, line: line)
        XCTAssertTrue(stderr.contains(fragment), "expected \"\(fragment)\" in: \(stderr)", file: file, line: line)
    }
}
