import Foundation

/// A server the tests start (redis-server, nats-server, a plugin server) and stop: output goes
/// to files, ``waitForOutput(containing:)`` waits until it is ready, and it is killed when
/// stopped or released.
public final class BackgroundProcess {
    public let process = Process()
    private let directory: URL
    private let outputURL: URL

    /// Starts `executable` (a path, or a name looked up on PATH) with `arguments`.
    public init(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        directory = try makeTemporaryDirectory()
        outputURL = directory.appendingPathComponent("output")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL)
        if executable.contains("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + arguments
        }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// Everything it printed so far (stdout and stderr together).
    public var output: String {
        (try? String(contentsOf: outputURL, encoding: .utf8)) ?? ""
    }

    /// Waits until its output contains `text`; returns that line. Throws if it exits first or
    /// `timeout` passes.
    @discardableResult
    public func waitForOutput(containing text: String, timeout: TimeInterval = 30) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let line = output.split(separator: "\n").first(where: { $0.contains(text) }) { return String(line) }
            guard process.isRunning else { break }
            usleep(20_000)
        }
        throw BackgroundProcessError(description: "\(process.arguments ?? []) did not print '\(text)'; it printed: \(output)")
    }

    /// Kills it (SIGKILL, as a crash would) and waits for it to go.
    public func kill() {
        guard process.isRunning else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit {
        kill()
        try? FileManager.default.removeItem(at: directory)
    }
}

public struct BackgroundProcessError: Error, CustomStringConvertible {
    public let description: String
}

/// A TCP port on 127.0.0.1 that nothing listens on right now.
public func freePort() -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// Starts a nats-server on a free loopback port, with `configuration` (nats-server's
/// configuration syntax) if given; returns it with its port once it listens.
public func startNATSServer(configuration: String? = nil) throws -> (BackgroundProcess, Int) {
    let port = freePort()
    var arguments = ["-a", "127.0.0.1", "-p", "\(port)"]
    if let configuration {
        let file = try makeTemporaryDirectory().appendingPathComponent("nats.conf")
        try configuration.write(to: file, atomically: true, encoding: .utf8)
        arguments += ["-c", file.path]
    }
    let server = try BackgroundProcess("nats-server", arguments)
    try server.waitForOutput(containing: "Server is ready")
    return (server, port)
}

/// Starts a redis-server (no persistence) on a free loopback port; returns it with its port.
public func startRedisServer() throws -> (BackgroundProcess, Int) {
    let port = freePort()
    let server = try BackgroundProcess("redis-server", ["--port", "\(port)", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
    try server.waitForOutput(containing: "Ready to accept connections")
    return (server, port)
}
