import Foundation
import WasmPlugEngine
import WasmPlugRPC
import WasmPlugRPCServer
import WasmPlugTestSupport
import WasmPlugWRPC
import XCTest

/// host-roundtrip.wasm's host import served by the C echo plugin in a wRPC server: every value
/// kind and the plugin's resources cross guest → engine → wRPC → server → plugin and back.
final class RPCPluginTests: XCTestCase {
    func testEveryValueKindRoundTripsOverTCPAndUnixSockets() throws {
        let socket = try temporaryDirectory().appendingPathComponent("echo.sock").path
        for address in [WRPCAddress.tcp(host: "127.0.0.1", port: 0), .unix(path: socket)] {
            let server = try EchoServer(address)
            let instance = try RoundTrip.instance(try server.plugin())
            for (name, value) in EchoCases.all {
                XCTAssertEqual(try RoundTrip.echo(instance, name).call([value]), value, "\(name) over \(address)")
            }
            XCTAssertEqual(server.calls["echo-shape"], 2)
            try server.stop()
        }
    }

    func testAOneMebibyteListRoundTrips() throws {
        let server = try EchoServer(.tcp(host: "127.0.0.1", port: 0))
        let instance = try RoundTrip.instance(try server.plugin())
        XCTAssertEqual(try RoundTrip.echo(instance, "echo-bytes").call([EchoCases.mebibyte]), EchoCases.mebibyte)
        try server.stop()
    }

    /// Strings either side of the size from which the client sends them from the engine's own
    /// copy and decodes them into it without a Swift `String`, and 1 MiB of every UTF-8 width.
    func testLargeStringsRoundTripOverTCPAndUnixSockets() throws {
        let socket = try temporaryDirectory().appendingPathComponent("echo.sock").path
        let referenced = WRPCSegments.referencedStringSize
        let strings = [String(repeating: "a", count: referenced - 1), String(repeating: "b", count: referenced),
                       String(repeating: "aü€😀", count: (1 << 20) / 10), ""]
        for address in [WRPCAddress.tcp(host: "127.0.0.1", port: 0), .unix(path: socket)] {
            let server = try EchoServer(address)
            let instance = try RoundTrip.instance(try server.plugin())
            for string in strings {
                let echoed = try RoundTrip.echo(instance, "echo-string").call([.string(string)])
                XCTAssertTrue(echoed == .string(string), "a \(string.utf8.count)-byte string over \(address)")
            }
            try server.stop()
        }
    }

    /// A real wRPC server has no drop call: the guest's drops stay local.
    func testRemoteResourcesAreCreatedAndBorrowedAndTheirDropsSendNothing() throws {
        let server = try EchoServer(.tcp(host: "127.0.0.1", port: 0))
        let instance = try RoundTrip.instance(try server.plugin())
        let use = try XCTUnwrap(instance.function(["wasmplug:test/resources@0.1.0", "use-counter"]))
        XCTAssertEqual(try use.call([.u32(5), .u32(3)]), .u32(8))
        XCTAssertEqual(try use.call([.u32(100), .u32(1)]), .u32(101))
        XCTAssertEqual(server.calls["[constructor]counter"], 2)
        XCTAssertEqual(server.calls["[resource-drop]counter"], 0)
        try server.stop()
    }

    /// To a server known to be wasmplug's (an isolated plugin's child), drops are sent.
    func testDropsReachAServerKnownToUnderstandThem() throws {
        let server = try EchoServer(.tcp(host: "127.0.0.1", port: 0))
        let before = liveCounters()
        let instance = try RoundTrip.instance(try server.plugin(sendsResourceDrops: true))
        let use = try XCTUnwrap(instance.function(["wasmplug:test/resources@0.1.0", "use-counter"]))
        XCTAssertEqual(try use.call([.u32(5), .u32(3)]), .u32(8))
        XCTAssertEqual(try use.call([.u32(100), .u32(1)]), .u32(101))
        XCTAssertEqual(server.calls["[resource-drop]counter"], 2, "the guest dropped both counters, so the server did")
        XCTAssertEqual(liveCounters(), before)
        try server.stop()
    }

    func testAPluginErrorClosesTheCallAndTrapsTheGuest() throws {
        let server = try EchoServer(.tcp(host: "127.0.0.1", port: 0))
        let instance = try RoundTrip.instance(try server.plugin())
        XCTAssertThrowsError(try RoundTrip.echo(instance, "echo-string").call([.string("please fail")])) { error in
            XCTAssertTrue("\(error)".contains("wasmplug:test/host@0.1.0.echo-string"), "\(error)")
        }
        let next = try RoundTrip.instance(try server.plugin())
        XCTAssertEqual(try RoundTrip.echo(next, "echo-u32").call([.u32(7)]), .u32(7), "the server carries on")
        try server.stop()
    }

    func testAnUnreachablePluginTrapsNamingTheTarget() throws {
        let port = freePort()
        let plugin = RPCPlugin(target: .tcp(host: "127.0.0.1", port: UInt16(port)), imports: ["wasmplug:test/host"])
        let instance = try RoundTrip.instance(plugin)
        XCTAssertThrowsError(try RoundTrip.echo(instance, "echo-u8").call([.u8(1)])) { error in
            XCTAssertTrue("\(error)".contains("wrpc+tcp 127.0.0.1:\(port): cannot connect: Connection refused"), "\(error)")
        }
    }

    func testAPluginThatDiesMidCallTrapsAndTheNextCallAfterARestartWorks() throws {
        let dying = HostileServer { _ in }  // reads the call, then closes without answering
        let port = dying.port
        let instance = try RoundTrip.instance(dying.plugin())
        XCTAssertThrowsError(try RoundTrip.echo(instance, "echo-u8").call([.u8(1)])) { error in
            XCTAssertTrue("\(error)".contains("closed the call without answering"), "\(error)")
        }
        dying.stop()
        // The plugin comes back on the same port: a new store's calls work.
        let restarted = try EchoServer(.tcp(host: "127.0.0.1", port: port))
        let next = try RoundTrip.instance(try restarted.plugin())
        XCTAssertEqual(try RoundTrip.echo(next, "echo-u8").call([.u8(1)]), .u8(1))
        try restarted.stop()
    }

    func testGarbageTruncatedAndHugeAnswersAreRefused() throws {
        let cases: [(function: String, answer: [UInt8], expected: String)] = [
            ("echo-u8", Array("HTTP/1.1 400 Bad Request\r\n\r\n".utf8), "sent a malformed answer"),
            ("echo-u8", [0x00, 0x05, 1, 2], "closed the connection in the middle of a frame"),
            // A root frame claiming 4 GiB of data: refused from its length alone.
            ("echo-u8", [0x00, 0x80, 0x80, 0x80, 0x80, 0x10], "claims 4294967296 bytes of data, more than the limit"),
            ("echo-u8", [0x01, 0x07, 0x01, 0x2a], "only whole (root) results are supported"),
            ("echo-u8", [0x00, 0x02, 0x2a, 0x2a], "invalid answer: wRPC: at byte 1: 1 bytes follow the last value"),
            // A string result goes from the answer to the engine without a Swift string: the
            // same checks, and bytes that are not UTF-8 (which would abort the engine) refused.
            ("echo-string", [0x00, 0x03, 0x02, 0xc3, 0x28], "invalid answer: the string is not UTF-8 (byte 0 of 2)"),
            ("echo-string", [0x00, 0x05, 0x04, 0x61, 0xed, 0xa0, 0x80], "the string is not UTF-8 (byte 1 of 4)"),  // a surrogate
            ("echo-string", [0x00, 0x03, 0x02, 0xc0, 0xaf], "the string is not UTF-8 (byte 0 of 2)"),  // overlong
            ("echo-string", [0x00, 0x03, 0x05, 0x61, 0x62], "invalid answer: wRPC: at byte 0: string length 5 exceeds the 2"),
            ("echo-string", [0x00, 0x03, 0x01, 0x61, 0x62], "invalid answer: wRPC: at byte 2: 1 bytes follow the last value"),
        ]
        for (function, answer, expected) in cases {
            let server = HostileServer { send(answer, on: $0) }
            let instance = try RoundTrip.instance(server.plugin())
            let started = Date()
            let argument: Value = function == "echo-u8" ? .u8(1) : .string("a")
            XCTAssertThrowsError(try RoundTrip.echo(instance, function).call([argument])) { error in
                XCTAssertTrue("\(error)".contains(expected), "expected '\(expected)' in: \(error)")
            }
            XCTAssertLessThan(Date().timeIntervalSince(started), 4, "refused without waiting for the timeout")
        }
    }

    func testAServerSlowerThanTheTimeoutTraps() throws {
        let slow = HostileServer { _ in sleep(3) }
        let instance = try RoundTrip.instance(slow.plugin(timeout: .milliseconds(300)))
        XCTAssertThrowsError(try RoundTrip.echo(instance, "echo-u8").call([.u8(1)])) { error in
            XCTAssertTrue("\(error)".contains("wrpc+tcp 127.0.0.1:\(slow.port): timed out waiting for the answer"), "\(error)")
        }
    }

    func testTheServerSurvivesMalformedCalls() throws {
        let server = try EchoServer(.tcp(host: "127.0.0.1", port: 0))
        guard case .tcp(_, let port) = server.address else { return XCTFail() }
        let malformed: [[UInt8]] = [
            [0x07, 0x01, 0x02],                                      // wrong version byte
            WRPCFraming.header(instance: "wasmplug:test/host@0.1.0", function: "no-such-function"),
            WRPCFraming.header(instance: "wasmplug:test/host@0.1.0", function: "echo-u32") + [0x00, 0x80, 0x80, 0x80, 0x80, 0x7f],
            WRPCFraming.header(instance: "wasmplug:test/host@0.1.0", function: "echo-u32") + [0x00, 0x01, 0xff],  // bad LEB128
        ]
        for request in malformed {
            let client = FramedClient(port: port)
            XCTAssertEqual(client.exchange(request), [], "a malformed call gets no answer")
        }
        let instance = try RoundTrip.instance(try server.plugin())
        XCTAssertEqual(try RoundTrip.echo(instance, "echo-u32").call([.u32(9)]), .u32(9))
        try server.stop()
    }
}
