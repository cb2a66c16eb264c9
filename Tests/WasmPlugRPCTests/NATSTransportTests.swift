import Foundation
import WasmPlugEngine
import WasmPlugRPC
import WasmPlugRPCServer
import WasmPlugTestSupport
import XCTest

/// wRPC over a real nats-server that the test starts on loopback.
final class NATSTransportTests: XCTestCase {
    func testEveryValueKindRoundTripsOverNATS() throws {
        let (nats, port) = try startNATSServer()
        let server = try EchoServer(.nats(host: "127.0.0.1", port: UInt16(port), prefix: "test"))
        let instance = try RoundTrip.instance(try server.plugin())
        for (name, value) in EchoCases.all {
            XCTAssertEqual(try RoundTrip.echo(instance, name).call([value]), value, name)
        }
        let use = try XCTUnwrap(instance.function(["wasmplug:test/resources@0.1.0", "use-counter"]))
        XCTAssertEqual(try use.call([.u32(5), .u32(3)]), .u32(8))
        // Larger than one NATS message (1 MiB by default): sent in parts both ways.
        XCTAssertEqual(try RoundTrip.echo(instance, "echo-bytes").call([EchoCases.mebibyte]), EchoCases.mebibyte)
        try server.stop()
        withExtendedLifetime(nats) {}
    }

    func testTwoServersOnTheSameSubjectsShareTheCalls() throws {
        let (nats, port) = try startNATSServer()
        let first = try EchoServer(.nats(host: "127.0.0.1", port: UInt16(port), prefix: nil))
        let second = try EchoServer(.nats(host: "127.0.0.1", port: UInt16(port), prefix: nil))
        let instance = try RoundTrip.instance(try first.plugin())
        for index in 0..<60 {
            XCTAssertEqual(try RoundTrip.echo(instance, "echo-u32").call([.u32(UInt32(index))]), .u32(UInt32(index)))
        }
        XCTAssertEqual(first.calls.total + second.calls.total, 60)
        XCTAssertGreaterThan(first.calls.total, 0, "the queue group gives each server a share")
        XCTAssertGreaterThan(second.calls.total, 0, "the queue group gives each server a share")
        try first.stop()
        try second.stop()
        withExtendedLifetime(nats) {}
    }

    func testNoServerOnTheSubjectTrapsAtOnce() throws {
        let (nats, port) = try startNATSServer()
        let plugin = RPCPlugin(target: .nats(host: "127.0.0.1", port: UInt16(port), prefix: "nobody"), imports: ["wasmplug:test/host"])
        let instance = try RoundTrip.instance(plugin)
        XCTAssertThrowsError(try RoundTrip.echo(instance, "echo-u8").call([.u8(1)])) { error in
            XCTAssertTrue("\(error)".contains("no plugin server subscribes to nobody.wrpc.0.0.1.wasmplug:test/host@0.1.0.echo-u8"), "\(error)")
        }
        withExtendedLifetime(nats) {}
    }
}
