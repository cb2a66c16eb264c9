import Foundation
import WasmPlugEngine
import WasmPlugRPC
import WasmPlugRPCServer
import WasmPlugNATS
import WasmPlugTestSupport
import WasmPlugWRPC
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

    func testACallWhoseFirstMessageHoldsItsParametersRunsBeforeTheirEndMessage() throws {
        let (nats, port) = try startNATSServer()
        let server = try EchoServer(.nats(host: "127.0.0.1", port: UInt16(port), prefix: "test"))
        let client = try RawNATSCaller(port: port)
        // The whole parameter tuple in the call's message, and no end-of-parameters message ever:
        // the answer comes anyway, the handshake first.
        let answer = try client.call("echo-u32", first: try WRPCEncoder.encode([.u32(7)], as: [.u32]), rest: nil)
        XCTAssertEqual(answer.handshakeCame, true)
        XCTAssertEqual(answer.results, try WRPCEncoder.encode([.u32(7)], as: [.u32]))
        // Parameters cut short in the first message: the call waits for the rest, sent after the handshake.
        let parameters = try WRPCEncoder.encode([.string("split across two messages")], as: [.string])
        let split = try client.call("echo-string", first: Array(parameters.prefix(5)), rest: Array(parameters.dropFirst(5)))
        XCTAssertEqual(split.results, parameters)
        try server.stop()
        withExtendedLifetime(nats) {}
    }

    func testTheClientSendsItsParametersEndOnlyToAServerThatWaitsForIt() throws {
        let (nats, port) = try startNATSServer()
        for waitsForTheEnd in [false, true] {
            let server = try RawNATSEchoServer(port: port, function: "echo-u32", waitsForTheEnd: waitsForTheEnd)
            let plugin = RPCPlugin(target: .nats(host: "127.0.0.1", port: UInt16(port), prefix: "test"), imports: ["wasmplug:test/host"])
            let echo = try RoundTrip.echo(try RoundTrip.instance(plugin), "echo-u32")
            // Three calls on one connection: a client's messages reach the server in order, so
            // when the third call arrives, any end of the first two has arrived before it.
            for index in UInt32(1)...3 { XCTAssertEqual(try echo.call([.u32(index)]), .u32(index)) }
            let ends = try server.endsBeforeTheLastCall()
            // Handshake and results in one message batch: the call is over without the end.
            // A server that waits for it gets it, or the call would hang to its deadline.
            XCTAssertEqual(ends, waitsForTheEnd ? 2 : 0, waitsForTheEnd ? "a waiting server" : "a server that answered at once")
        }
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

/// A wRPC-over-NATS client written out message by message, to check what the server does when a
/// client sends its parameters' end late or not at all.
private final class RawNATSCaller {
    let connection: NATSConnection
    private var next = 0

    init(port: Int) throws {
        connection = try NATSConnection(target: .nats(host: "127.0.0.1", port: UInt16(port), prefix: "test"), maxPayload: 1 << 20,
                                        authentication: NATSAuthentication(), deadline: .now + .seconds(10))
    }

    /// Calls `function` with `first` in the call's message; `rest`, when given, goes after the
    /// handshake, followed by the end-of-parameters message (never sent when `rest` is nil).
    func call(_ function: String, first: [UInt8], rest: [UInt8]?) throws -> (handshakeCame: Bool, results: [UInt8]) {
        next += 1
        let reply = "\(connection.inbox).\(next)", deadline = ContinuousClock.now + .seconds(10)
        var out: [UInt8] = []
        NATSCommand.publish("test.wrpc.0.0.1.wasmplug:test/host@0.1.0.\(function)", replyTo: reply, payload: first, to: &out)
        try connection.socket.write(out, until: deadline)
        var handshakeCame = false, results: [UInt8] = []
        while true {
            let message = try connection.nextMessage(until: deadline)
            if message.subject == reply {
                handshakeCame = true
                if let rest, let subject = message.replyTo {
                    var more: [UInt8] = []
                    NATSCommand.publish(subject + ".params", payload: rest, to: &more)
                    NATSCommand.publish(subject + ".params", payload: [], to: &more)
                    try connection.socket.write(more, until: deadline)
                }
            } else if message.subject == reply + ".results" {
                XCTAssertTrue(handshakeCame, "the handshake comes before the results")
                if message.payload.isEmpty { return (handshakeCame, results) }
                results += message.payload
            }
        }
    }
}

/// A wRPC-over-NATS echo server of one function written out message by message: it answers the
/// handshake and the results together, or (`waitsForTheEnd`) the handshake alone, then the
/// results after the client's end-of-parameters message. It counts the ends it receives.
private final class RawNATSEchoServer: @unchecked Sendable {
    // Safe to share: the serving thread writes its counts and `failure` before it signals `done`,
    // and they are read only after waiting for it.
    private let connection: NATSConnection
    private let subject: String
    private let waitsForTheEnd: Bool
    private let done = DispatchSemaphore(value: 0)
    private var ends = 0
    private var endsWhenTheLastCallCame = 0
    private var failure: (any Error)?

    init(port: Int, function: String, waitsForTheEnd: Bool) throws {
        connection = try NATSConnection(target: .nats(host: "127.0.0.1", port: UInt16(port), prefix: "test"), maxPayload: 1 << 20,
                                        authentication: NATSAuthentication(), deadline: .now + .seconds(10))
        subject = "test.wrpc.0.0.1.wasmplug:test/host@0.1.0.\(function)"
        self.waitsForTheEnd = waitsForTheEnd
        // Subscribed once a message to its own inbox, published after the SUB, comes back.
        var out = NATSCommand.subscribe(subject, id: "2")
        NATSCommand.publish(connection.inbox + ".ready", payload: [], to: &out)
        try connection.socket.write(out, until: .now + .seconds(10))
        while try connection.nextMessage(until: .now + .seconds(10)).subject != connection.inbox + ".ready" {}
        Thread { [self] in
            do { try serve(calls: 3) } catch { failure = error }
            done.signal()
        }.start()
    }

    /// The ends of parameters received before the last call arrived.
    func endsBeforeTheLastCall() throws -> Int {
        XCTAssertEqual(done.wait(timeout: .now() + 10), .success, "the raw server served its calls")
        if let failure { throw failure }
        return endsWhenTheLastCallCame
    }

    private func serve(calls: Int) throws {
        let deadline = ContinuousClock.now + .seconds(10)
        for call in 1...calls {
            var message = try connection.nextMessage(until: deadline)
            while message.subject != subject {
                if message.subject.hasSuffix(".params"), message.payload.isEmpty { ends += 1 }
                message = try connection.nextMessage(until: deadline)
            }
            if call == calls { endsWhenTheLastCallCame = ends }
            let parameters = "\(connection.inbox).call\(call).params"
            var out: [UInt8] = []
            NATSCommand.publish(try XCTUnwrap(message.replyTo), replyTo: "\(connection.inbox).call\(call)", payload: [], to: &out)
            if waitsForTheEnd {
                try connection.socket.write(out, until: deadline)
                out = []
                var end = try connection.nextMessage(until: deadline)
                while end.subject != parameters || !end.payload.isEmpty { end = try connection.nextMessage(until: deadline) }
                ends += 1
            }
            NATSCommand.publish(try XCTUnwrap(message.replyTo) + ".results", payload: message.payload, to: &out)
            NATSCommand.publish(try XCTUnwrap(message.replyTo) + ".results", payload: [], to: &out)
            try connection.socket.write(out, until: deadline)
        }
    }
}
