import Foundation
import NIOCore
import NIOPosix
import WasmPlugEngine
@_exported import struct WasmPlugNATS.NATSAuthentication
@_exported import enum WasmPlugNATS.SecretSource
@_exported import struct WasmPlugTLS.TLSSettings
import NIOSSL
import WasmPlugBytes
import WasmPlugNATS
import WasmPlugRPC
import WasmPlugTLS
import WasmPlugWRPC

/// Serves a ``WRPCService`` over wRPC, on SwiftNIO. Calls are decoded on the event loop and run
/// on a thread pool, so handlers may block (unless registered as ``WRPCService/Execution/nonBlocking``).
public final class WRPCServer: Sendable {
    public let service: WRPCService
    let group: MultiThreadedEventLoopGroup
    let pool: NIOThreadPool
    let log: @Sendable (String) -> Void

    /// A server for `service`; `log` receives one line per failed call (default: standard error).
    public init(service: WRPCService, threads: Int = System.coreCount,
                log: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data("wasmplug: \($0)\n".utf8)) }) {
        self.service = service
        self.group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        self.pool = NIOThreadPool(numberOfThreads: max(1, threads))
        self.log = log
        pool.start()
    }

    /// Starts serving at `address`; returns once listening (or subscribed), with the address
    /// actually bound (TCP port 0 resolved). `natsAuthentication` is how a wrpc+nats server
    /// proves who it is to the NATS server. `tls`: for wrpc+tcp, the server's certificate and
    /// key, and with a CA, clients must present a certificate it signed (mutual TLS); for
    /// wrpc+nats, TLS to the NATS server (also used, with the system's CAs, when it requires TLS).
    /// Blocks until it listens; call it from outside the server's event loop.
    public func start(_ address: WRPCAddress, natsAuthentication: NATSAuthentication = NATSAuthentication(),
                      tls: TLSSettings? = nil) throws -> WRPCAddress {
        switch address {
        case .tcp(let host, let port):
            let context = try tls?.serverContext()
            let channel = try bootstrap(tls: context).childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .bind(host: host, port: Int(port)).wait()
            channels.append(channel)
            return .tcp(host: host, port: channel.localAddress?.port.map(UInt16.init) ?? port)
        case .unix(let path):
            guard tls == nil else { throw TLSError("TLS is for wrpc+tcp and wrpc+nats; a Unix socket stays on this machine") }
            let channel = try bootstrap().childChannelOption(.socketOption(.so_sndbuf), value: Socket.unixSendBufferSize)
                .bind(unixDomainSocketPath: path, cleanupExistingSocketFile: true).wait()
            channels.append(channel)
            return address
        case .nats(let host, let port, let prefix):
            let channel = try NATSServing.connect(host: host, port: Int(port), prefix: prefix,
                                                  authentication: natsAuthentication, tls: tls, server: self)
            channels.append(channel)
            return address
        }
    }

    /// Blocks the calling thread for the rest of the process's life, serving: the server is
    /// held here, so it stays alive however early its creator last uses it.
    public func serveForever() -> Never {
        withExtendedLifetime(self) {
            while true { sleep(3600) }
        }
    }

    /// Stops serving and releases the threads.
    public func shutdown() throws {
        for channel in channels.all { try? channel.close().wait() }
        try group.syncShutdownGracefully()
        try pool.syncShutdownGracefully()
    }

    private let channels = ChannelList()

    /// The bootstrap for every transport, with TLS when given (TCP adds TCP_NODELAY: on a Unix
    /// socket NIO sets it as SO_DEBUG, which needs CAP_NET_ADMIN and so fails for an
    /// unprivileged or sandboxed server).
    private func bootstrap(tls: NIOSSLContext? = nil) -> ServerBootstrap {
        ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            // Large parameters arrive in few reads; small calls still start from small buffers.
            .childChannelOption(.recvAllocator, value: AdaptiveRecvByteBufferAllocator(minimum: 1024, initial: 16 << 10, maximum: 1 << 20))
            .childChannelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture {
                    // With TLS, nothing reaches the call's handler before the handshake succeeds.
                    if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    try channel.pipeline.syncOperations.addHandler(FramedInvocationHandler(server: self))
                }
            }
    }

    /// Runs a call on the pool, or right here on `eventLoop` for a non-blocking handler; the
    /// future completes on `eventLoop` with the encoded results appended to what `output` makes
    /// (made where the call runs, so nothing else holds it and it grows in place), or the failure.
    func run<Output: ByteSink & Sendable>(_ function: WRPCService.Function, parameters: CallParameters, into output: @escaping @Sendable () -> Output,
                               on eventLoop: EventLoop) -> EventLoopFuture<Output> {
        let call: @Sendable () throws -> Output = { [service] in
            var results = output()
            try service.call(function, parameters: parameters, into: &results)
            return results
        }
        switch function.execution {
        case .nonBlocking: return eventLoop.makeCompletedFuture(withResultOf: call)
        case .mayBlock: return pool.runIfActive(eventLoop: eventLoop, call)
        }
    }
}

/// The channels a server opened, closed together at shutdown.
final class ChannelList: @unchecked Sendable {
    // Safe to share: `channels` is only touched under `lock`.
    private let lock = Mutex()
    private var channels: [Channel] = []
    func append(_ channel: Channel) { lock.withLock { channels.append(channel) } }
    var all: [Channel] { lock.withLock { channels } }
}
