import Foundation
import WasmPlugEngine
import WasmPlugRPC
import WasmPlugRPCServer
import XCTest

/// wasmplug's sessions (`WRPCServer.startSessions`, `RPCPlugin(sessions: true)`): a connection
/// carries one call after another, each served on that connection's own thread.
final class SessionTests: XCTestCase {
    /// `echo-u32` that notes which server thread ran it, and fails for 13.
    private func serve() throws -> (plugin: RPCPlugin, threads: CallCounter, log: CallCounter, directory: URL) {
        let threads = CallCounter(), log = CallCounter()
        let service = WRPCService()
        service.register(instance: "wasmplug:test/host@0.1.0", function: "echo-u32", parameters: [.u32], results: [.u32]) { arguments in
            // A name of its own for each server thread (a new thread may reuse an ended one's pthread_t).
            let names = Thread.current.threadDictionary
            if names["session"] == nil { names["session"] = UUID().uuidString }
            threads.count(names["session"] as! String)
            guard arguments.first != .u32(13) else { throw WRPCServiceError("13 is refused") }
            return arguments
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wasmplug-sessions-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let server = WRPCServer(service: service, log: { log.count($0) })
        let address = try server.startSessions(at: directory.appendingPathComponent("s.sock").path)
        return (RPCPlugin(target: address, imports: ["wasmplug:test/host"], timeout: .seconds(30), sessions: true), threads, log, directory)
    }

    func testCallsOneAfterAnotherShareOneConnection() throws {
        let (plugin, threads, _, directory) = try serve()
        defer { try? FileManager.default.removeItem(at: directory) }
        let echo = try RoundTrip.echo(RoundTrip.instance(plugin), "echo-u32")
        for value in UInt32(100)..<150 { XCTAssertEqual(try echo.call([.u32(value)]), .u32(value)) }
        XCTAssertEqual(threads.total, 50)
        XCTAssertEqual(threads.distinct, 1, "50 calls in a row ran on one connection's thread")
    }

    func testAFailedCallClosesItsConnectionTrapsAndTheNextCallOpensAnother() throws {
        let (plugin, threads, log, directory) = try serve()
        defer { try? FileManager.default.removeItem(at: directory) }
        let echo = try RoundTrip.echo(RoundTrip.instance(plugin), "echo-u32")
        XCTAssertEqual(try echo.call([.u32(7)]), .u32(7))
        XCTAssertThrowsError(try echo.call([.u32(13)])) { error in
            XCTAssertTrue("\(error)".contains("closed the connection without answering (see the plugin's log)"), "\(error)")
        }
        XCTAssertEqual(log.total, 1, "the failure is logged once")
        // A trapped instance cannot be entered again: the next call comes from a new one.
        XCTAssertEqual(try RoundTrip.echo(RoundTrip.instance(plugin), "echo-u32").call([.u32(8)]), .u32(8))
        XCTAssertEqual(threads.distinct, 2, "the call after the failure ran on a new connection")
    }
}

extension SessionTests {
    /// A path that holds another kind of file is refused, and the file is left alone.
    func testSessionsAreNotServedOverAFileThatIsNotASocket() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("wasmplug-not-a-socket-\(UUID().uuidString.prefix(8))")
        try Data("keep me".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let server = WRPCServer(service: WRPCService(), log: { _ in })
        defer { try? server.shutdown() }
        XCTAssertThrowsError(try server.startSessions(at: file.path)) { error in
            XCTAssertTrue("\(error)".contains("a file that is not a socket is there"), "\(error)")
        }
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "keep me")
    }
}
