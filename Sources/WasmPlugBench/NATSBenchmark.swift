import Foundation
import NIOCore
import NIOPosix
import WasmPlugNATS
import WasmPlugRPC
import WasmPlugRPCServer
import WasmPlugWRPC

/// RPC plugin round trips over NATS beside their floor: a raw NATS request/reply of the same
/// bytes (the encoded parameters out, the same bytes back) on the same nats-server, answered by
/// a responder on SwiftNIO in the same process.
extension RPCBenchmark {
    /// Nanoseconds per `f(u32)` call and per 1 MiB `echo(string)` through an RPC plugin over the
    /// NATS server at `host`:`port`, and per raw request/reply of the same parameter bytes; the
    /// small call also with its handler on the server's event loop (`.nonBlocking`), as the
    /// floor's responder answers, each beside the floor again.
    public func overNATS(host: String, port: UInt16, calls: UInt32, payloadCalls: UInt32, rounds: Int = 5)
        throws -> (small: (rpc: Double, raw: Double), smallNonBlocking: (rpc: Double, raw: Double), large: (rpc: Double, raw: Double))
    {
        let server = WRPCServer(service: Self.service(.mayBlock), threads: 1)
        defer { try? server.shutdown() }
        let address = try server.start(.nats(host: host, port: port, prefix: "bench"))
        let nonBlockingServer = WRPCServer(service: Self.service(.nonBlocking), threads: 1)
        defer { try? nonBlockingServer.shutdown() }
        let nonBlockingAddress = try nonBlockingServer.start(.nats(host: host, port: port, prefix: "bench-non-blocking"))
        let responder = try NATSEchoResponder(host: host, port: Int(port), subject: "bench.raw.echo")
        defer { responder.close() }
        let requester = try NATSRequester(target: address, subject: "bench.raw.echo")
        let plugin = RPCPlugin(target: address, imports: [HostCallBenchmark.hostInterface])

        let smallParameters = try WRPCEncoder.encode([.u32(123_456)], as: [.u32])
        let raw = try requester.caller(smallParameters, calls: calls)
        let small = try bestSideBySide(rounds: rounds, calls: calls,
                                       try guestCaller(to: plugin, export: "call-f", arguments: [], calls: calls), raw)
        let nonBlockingPlugin = RPCPlugin(target: nonBlockingAddress, imports: [HostCallBenchmark.hostInterface])
        let smallNonBlocking = try bestSideBySide(rounds: rounds, calls: calls,
                                                  try guestCaller(to: nonBlockingPlugin, export: "call-f", arguments: [], calls: calls), raw)
        let size = 1 << 20
        let text = String(String(repeating: "abcdefghijklmnopqrstuvwxyz", count: size / 26 + 1).prefix(size))
        let largeParameters = try WRPCEncoder.encode([.string(text)], as: [.string])
        let large = try bestSideBySide(rounds: 3, calls: payloadCalls,
                                       try guestCaller(to: plugin, export: "call-echo", arguments: [.u32(UInt32(size))], calls: payloadCalls),
                                       try requester.caller(largeParameters, calls: payloadCalls))
        return ((small.0, small.1), (smallNonBlocking.0, smallNonBlocking.1), (large.0, large.1))
    }
}

/// The floor's client: requests on one NATS connection, each answered on its own reply subject.
private final class NATSRequester {
    let connection: NATSConnection
    let subject: String
    private var next = 0

    init(target: WRPCAddress, subject: String) throws {
        connection = try NATSConnection(target: target, maxPayload: 64 << 20, authentication: NATSAuthentication(),
                                        deadline: .now + .seconds(10))
        self.subject = subject
    }

    /// `calls` requests of `payload`, warmed up.
    func caller(_ payload: [UInt8], calls: UInt32) throws -> () throws -> Void {
        try request(payload)  // warm up
        return { for _ in 0..<calls { try self.request(payload) } }
    }

    private func request(_ payload: [UInt8]) throws {
        guard payload.count <= connection.serverMaxPayload else {
            throw BenchmarkError("the raw request of \(payload.count) bytes exceeds the NATS server's max_payload")
        }
        next += 1
        let reply = "\(connection.inbox).\(next)", deadline = ContinuousClock.now + .seconds(10)
        var out: [UInt8] = []
        NATSCommand.publish(subject, replyTo: reply, payload: payload, to: &out)
        try connection.socket.write(out, until: deadline)
        while true {
            let message = try connection.nextMessage(until: deadline)
            guard message.subject == reply else { continue }
            guard message.payload.count == payload.count else {
                throw BenchmarkError("the NATS responder returned \(message.payload.count) of \(payload.count) bytes")
            }
            return
        }
    }
}

/// The floor's server: answers every message on its subject with the same bytes.
private final class NATSEchoResponder {
    private let channel: Channel

    /// Returns once subscribed (the server answered the `PING` after the `SUB`).
    init(host: String, port: Int, subject: String) throws {
        let group = MultiThreadedEventLoopGroup.singleton
        let subscribed = group.next().makePromise(of: Void.self)
        channel = try ClientBootstrap(group: group).channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NATSEchoHandler(subject: subject, subscribed: subscribed))
                }
            }
            .connect(host: host, port: port).wait()
        try subscribed.futureResult.wait()
    }

    func close() { try? channel.close().wait() }
}

private final class NATSEchoHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var parser = NATSParser(maxPayload: 64 << 20)
    private let subject: String
    private let subscribed: EventLoopPromise<Void>
    private var pongs = 0

    init(subject: String, subscribed: EventLoopPromise<Void>) {
        self.subject = subject
        self.subscribed = subscribed
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        unwrapInboundIn(data).withUnsafeReadableBytes { parser.append($0) }
        var out: [UInt8] = []
        while let message = try? parser.next() {
            switch message {
            case .info(let info):
                out += (try? NATSAuthentication().connectCommand(name: "bench-responder", info: info, server: "bench")) ?? []
                out += NATSCommand.subscribe(subject, id: "1") + Array("PING\r\n".utf8)
            case .pong:
                // The first answers CONNECT's PING; the second comes after the SUB.
                pongs += 1
                if pongs == 2 { subscribed.succeed(()) }
            case .ping: out += NATSCommand.pong
            case .message(_, _, let replyTo?, let payload, _): NATSCommand.publish(replyTo, payload: payload, to: &out)
            default: break
            }
        }
        if !out.isEmpty { context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: out)), promise: nil) }
    }
}

/// A nats-server (from PATH) on a free loopback port, stopped with the value.
public final class NATSServerProcess {
    public let port: UInt16
    private let process = Process()
    private let configuration: URL

    /// Starts it with `max_payload` raised to 4 MiB, so the 1 MiB calls and their floor each go in one message.
    public init() throws {
        port = try Self.freePort()
        configuration = FileManager.default.temporaryDirectory.appendingPathComponent("wasmplug-bench-nats-\(getpid()).conf")
        try "max_payload: 4194304\n".write(to: configuration, atomically: true, encoding: .utf8)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["nats-server", "-a", "127.0.0.1", "-p", "\(port)", "-c", configuration.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + .seconds(10)
        while (try? Socket.connect(to: .tcp(host: "127.0.0.1", port: port), deadline: deadline)) == nil {
            guard process.isRunning, ContinuousClock.now < deadline else {
                throw BenchmarkError("nats-server did not start on 127.0.0.1:\(port); is it installed (scripts/setup.sh)?")
            }
            usleep(20_000)
        }
    }

    deinit {
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: configuration)
    }

    private static func freePort() throws -> UInt16 {
        let channel = try ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).wait()
        defer { try? channel.close().wait() }
        guard let port = channel.localAddress?.port else { throw BenchmarkError("no free port") }
        return UInt16(port)
    }
}
