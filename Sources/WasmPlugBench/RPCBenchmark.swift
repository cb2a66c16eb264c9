import Dispatch
import Foundation
import NIOCore
import NIOPosix
import WasmPlugEngine
import WasmPlugRPC
import WasmPlugRPCServer
import WasmPlugWRPC

/// RPC plugin round trips, measured from inside bench.wasm, beside their floor: a raw socket
/// echo of the very bytes the call sends, over a new connection each time as wRPC's TCP and
/// Unix transports require, answered by a SwiftNIO echo server in the same process.
public final class RPCBenchmark {
    public enum Transport: String, CaseIterable, Sendable {
        case tcp, unix
    }

    let engine = Engine()
    let component: Component
    private let directory: URL

    public init(guest bytes: [UInt8]) throws {
        component = try Component(engine: engine, bytes: bytes)
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("wasmplug-rpc-bench-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Nanoseconds per call of `f(u32) -> u32` over `transport`, best of `rounds`, with the
    /// server's handler run as `execution` says, and the same for the raw echo of the call's bytes.
    public func smallCall(_ transport: Transport, calls: UInt32, execution: WRPCService.Execution,
                          rounds: Int = 5) throws -> (rpc: Double, rawEcho: Double) {
        try measure(transport, export: "call-f", arguments: [], calls: calls, request: try Self.smallRequest(), execution: execution,
                    rounds: rounds)
    }

    /// The bytes of a call of `f(123456)`: the framed stream's header and one root frame.
    static func smallRequest() throws -> [UInt8] {
        var request = WRPCFraming.header(instance: HostCallBenchmark.hostInterface, function: "f")
        WRPCFraming.appendFrame(data: try WRPCEncoder.encode([.u32(123_456)], as: [.u32]), to: &request)
        return request
    }

    /// Nanoseconds per `echo(string) -> string` of `size` bytes (the handler on the server's
    /// pool, the default), and for its raw echo.
    public func payload(_ transport: Transport, size: Int, calls: UInt32, rounds: Int = 3) throws -> (rpc: Double, rawEcho: Double) {
        try measure(transport, export: "call-echo", arguments: [.u32(UInt32(size))], calls: calls, request: try Self.echoRequest(size: size),
                    execution: .mayBlock, rounds: rounds)
    }

    /// The bytes of a call of `echo` with a `size`-byte string.
    static func echoRequest(size: Int) throws -> [UInt8] {
        var request = WRPCFraming.header(instance: HostCallBenchmark.hostInterface, function: "echo")
        let text = String(repeating: "abcdefghijklmnopqrstuvwxyz", count: size / 26 + 1).prefix(size)
        WRPCFraming.appendFrame(data: try WRPCEncoder.encode([.string(String(text))], as: [.string]), to: &request)
        return request
    }

    private func measure(_ transport: Transport, export: String, arguments: [Value], calls: UInt32, request: [UInt8],
                         execution: WRPCService.Execution, rounds: Int) throws -> (rpc: Double, rawEcho: Double) {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        let server = WRPCServer(service: Self.service(execution), threads: 1)
        defer { try? server.shutdown() }
        let rpcAddress = try server.start(address(transport, "rpc"))
        let echoAddress = try EchoServer.start(on: group, at: address(transport, "echo"))
        let rpc = try guestCaller(to: RPCPlugin(target: rpcAddress, imports: [HostCallBenchmark.hostInterface]), export: export,
                                  arguments: arguments, calls: calls)
        try Self.echo(request, via: echoAddress)  // warm up
        let (rpcTime, rawEcho) = try bestSideBySide(rounds: rounds, calls: calls, rpc) {
            for _ in 0..<calls { try Self.echo(request, via: echoAddress) }
        }
        return (rpcTime, rawEcho)
    }

    /// The guest's `export` making `calls` calls of `plugin`, instantiated and warmed up.
    func guestCaller(to plugin: RPCPlugin, export: String, arguments: [Value], calls: UInt32) throws -> () throws -> Void {
        let store = Store(engine: engine)
        let linker = Linker(engine: engine)
        for item in component.type.imports where plugin.serves(item.name) { try plugin.define(item, in: linker) }
        let function = try linker.instantiate(component, in: store).function([HostCallBenchmark.runnerInterface, export])!
        _ = try function.call([.u32(min(calls, 10))] + arguments)  // warm up
        return { _ = try withExtendedLifetime(store) { try function.call([.u32(calls)] + arguments) } }
    }

    /// One raw exchange: connect, send the bytes, shut the write side, read until the server closes.
    private static func echo(_ request: [UInt8], via target: WRPCAddress) throws {
        let deadline = ContinuousClock.now + .seconds(10)
        let socket = try Socket.connect(to: target, deadline: deadline)
        try socket.write(request, until: deadline)
        socket.shutdownWrite()
        var received = 0
        try socket.receiveUntilClosed(until: deadline) { received += $0.count }
        guard received == request.count else { throw BenchmarkError("the echo server returned \(received) of \(request.count) bytes") }
    }

    /// `wasmplug:bench/host` in Swift, as the RPC plugin serves it.
    static func service(_ execution: WRPCService.Execution) -> WRPCService {
        let service = WRPCService()
        service.register(instance: HostCallBenchmark.hostInterface, function: "f", parameters: [.u32], results: [.u32],
                         execution: execution) { arguments in
            guard case .u32(let x) = arguments[0] else { throw BenchmarkError("f expects a u32") }
            return [.u32(x &+ 1)]
        }
        service.register(instance: HostCallBenchmark.hostInterface, function: "echo", parameters: [.string], results: [.string],
                         execution: execution) { $0 }
        return service
    }

    private func address(_ transport: Transport, _ name: String) -> WRPCAddress {
        switch transport {
        case .tcp: .tcp(host: "127.0.0.1", port: 0)
        case .unix: .unix(path: directory.appendingPathComponent("\(name).sock").path)
        }
    }
}

/// Echoes every byte back as it arrives, and closes once the client has sent everything.
private final class EchoServer: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    static func start(on group: EventLoopGroup, at address: WRPCAddress) throws -> WRPCAddress {
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(EchoServer()) }
            }
        switch address {
        case .tcp(let host, let port):
            let channel = try bootstrap.bind(host: host, port: Int(port)).wait()
            return .tcp(host: host, port: channel.localAddress?.port.map(UInt16.init) ?? port)
        case .unix(let path):
            // The same send buffer as the RPC server's, so the floor gets every socket setting ours has.
            _ = try bootstrap.childChannelOption(.socketOption(.so_sndbuf), value: Socket.unixSendBufferSize)
                .bind(unixDomainSocketPath: path, cleanupExistingSocketFile: true).wait()
            return address
        case .nats:
            throw BenchmarkError("the raw echo floor runs over TCP and Unix sockets only")
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.writeAndFlush(data, promise: nil)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard let event = event as? ChannelEvent, event == .inputClosed else { return }
        // Closed after every echoed byte is written: an empty write completes after them.
        context.writeAndFlush(NIOAny(context.channel.allocator.buffer(capacity: 0)))
            .assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }
}
