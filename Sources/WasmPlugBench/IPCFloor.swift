import Dispatch
import Foundation
import WasmPlugRPC
import WasmPlugWRPC

/// The floor of a call to a plugin in a child process: a round trip of a few bytes over a Unix
/// socket kept open between two processes, the child a blocking echo on its own thread (what an
/// isolated plugin's child is, without the call).
public enum IPCFloor {
    /// The child's side: listens at `path`, says `ready` on standard output, then echoes what
    /// one connection sends until it closes.
    public static func serveEcho(at path: String) throws {
        let listener = try Socket.listen(unixPath: path)
        FileHandle.standardOutput.write(Data("ready\n".utf8))
        let connection = try listener.accept()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Socket.receiveBufferSize, alignment: 1)
        defer { buffer.deallocate() }
        let forever = ContinuousClock.now + .seconds(86_400)
        while case let count = try connection.read(into: buffer, until: forever), count > 0 {
            try connection.write(Array(buffer[..<count]), until: forever)
        }
    }

    /// Nanoseconds per round trip of `bytes` bytes, best of `rounds` of `roundTrips`, to a child
    /// `executable echo-peer PATH` started for the measurement.
    public static func nanosecondsPerRoundTrip(executable: String, bytes: Int = 64, roundTrips: UInt32,
                                               rounds: Int = 5) throws -> Double {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wasmplug-ipc-floor-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("echo.sock").path
        let child = Process()
        child.executableURL = URL(fileURLWithPath: executable)
        child.arguments = ["echo-peer", path]
        let output = Pipe()
        child.standardOutput = output
        try child.run()
        defer { child.terminate(); child.waitUntilExit() }
        guard String(decoding: output.fileHandleForReading.availableData, as: UTF8.self).hasPrefix("ready") else {
            throw BenchmarkError("\(executable) echo-peer did not start")
        }
        let deadline = ContinuousClock.now + .seconds(600)
        let socket = try Socket.connect(to: .unix(path: path), deadline: deadline)
        let message = [UInt8](repeating: 0x2a, count: bytes)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes, alignment: 1)
        defer { buffer.deallocate() }
        func roundTrip() throws {
            try socket.write(message, until: deadline)
            var received = 0
            while received < bytes {
                let count = try socket.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[received...]), until: deadline)
                guard count > 0 else { throw BenchmarkError("the echo child closed the connection") }
                received += count
            }
        }
        for _ in 0..<min(roundTrips, 1000) { try roundTrip() }  // warm up
        return try best(of: rounds, calls: roundTrips) { for _ in 0..<roundTrips { try roundTrip() } }
    }
}
