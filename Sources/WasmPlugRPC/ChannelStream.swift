import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS
import WasmPlugTLS

/// A TCP connection on a SwiftNIO channel, with TLS started on it when asked (at once for
/// wrpc+tcp, after the server's `INFO` for NATS), read and written by a blocking caller on any
/// thread but the channel's event loop, every wait bounded by a deadline.
package final class ChannelStream: ByteStream {
    package let peer: String
    private let channel: Channel
    private let inbound: InboundQueue

    private init(peer: String, channel: Channel, inbound: InboundQueue) {
        self.peer = peer
        self.channel = channel
        self.inbound = inbound
    }

    deinit { channel.close(promise: nil) }

    /// Connects to `host`:`port`, in plaintext until ``startTLS(_:serverName:until:)``.
    package static func connect(host: String, port: UInt16, peer: String, deadline: ContinuousClock.Instant) throws(RPCError) -> ChannelStream {
        let inbound = InboundQueue()
        let remaining = ContinuousClock.now.duration(to: deadline)
        let connecting = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.nanoseconds(max(1, remaining.components.seconds * 1_000_000_000 + remaining.components.attoseconds / 1_000_000_000)))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelOption(.allowRemoteHalfClosure, value: true)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(InboundBridge(inbound)) }
            }
            .connect(host: host, port: Int(port))
        let channel = try wait(for: connecting, until: deadline, peer: peer, doing: "connecting")
        return ChannelStream(peer: peer, channel: channel, inbound: inbound)
    }

    /// Starts TLS and waits for the handshake: the server's certificate must be signed by the
    /// settings' CA and carry `serverName` (or, without one, the IP address connected to).
    package func startTLS(_ settings: TLSSettings, serverName: String?, until deadline: ContinuousClock.Instant) throws(RPCError) {
        let context: NIOSSLContext
        do throws(TLSError) {
            context = try settings.clientContext()
        } catch {
            throw RPCError("\(peer): \(error.message)")
        }
        let channel = self.channel
        let adding = channel.eventLoop.submit {
            try channel.pipeline.syncOperations.addHandler(
                try NIOSSLClientHandler(context: context, serverHostname: serverName), position: .first)
        }
        _ = try Self.wait(for: adding, until: deadline, peer: peer, doing: "starting TLS")
        try inbound.waitForHandshake(until: deadline, peer: peer)
    }

    package func write(_ bytes: UnsafeRawBufferPointer, until deadline: ContinuousClock.Instant) throws(RPCError) {
        let writing = channel.writeAndFlush(channel.allocator.buffer(bytes: bytes))
        try Self.wait(for: writing, until: deadline, peer: peer, doing: "sending")
        try inbound.throwIfFailed(peer: peer)
    }

    package func read(into buffer: UnsafeMutableRawBufferPointer, until deadline: ContinuousClock.Instant) throws(RPCError) -> Int {
        try inbound.take(into: buffer, until: deadline, peer: peer)
    }

    package func shutdownWrite() {
        channel.close(mode: .output, promise: nil)
    }

    /// Waits for `future` on this thread, never past `deadline`.
    @discardableResult
    private static func wait<T: Sendable>(for future: EventLoopFuture<T>, until deadline: ContinuousClock.Instant, peer: String,
                                doing what: String) throws(RPCError) -> T {
        let done = DispatchSemaphore(value: 0)
        future.whenComplete { _ in done.signal() }
        let remaining = ContinuousClock.now.duration(to: deadline)
        let nanoseconds = max(0, remaining.components.seconds * 1_000_000_000 + remaining.components.attoseconds / 1_000_000_000)
        guard done.wait(timeout: .now() + .nanoseconds(Int(clamping: nanoseconds))) == .success else {
            throw RPCError("\(peer): timed out \(what)")
        }
        do {
            return try future.wait()
        } catch {
            throw RPCError("\(peer): \(what) failed: \(TLSSettings.explain(error))")
        }
    }
}

/// What the channel received, handed from its event loop to the blocking reader.
final class InboundQueue: @unchecked Sendable {
    // Safe to share: every field is touched only while `condition` is locked.
    private let condition = NSCondition()
    private var chunks: [[UInt8]] = []
    private var offset = 0
    private var closed = false
    private var handshakeDone = false
    private var failure: (any Error)?

    func received(_ bytes: [UInt8]) { update { chunks.append(bytes) } }
    func handshakeCompleted() { update { handshakeDone = true } }
    func failed(_ error: any Error) { update { if failure == nil { failure = error } } }
    func inputClosed() { update { closed = true } }

    private func update(_ body: () -> Void) {
        condition.lock()
        body()
        condition.broadcast()
        condition.unlock()
    }

    func throwIfFailed(peer: String) throws(RPCError) {
        condition.lock()
        defer { condition.unlock() }
        if let failure { throw RPCError("\(peer): \(TLSSettings.explain(failure))") }
    }

    func waitForHandshake(until deadline: ContinuousClock.Instant, peer: String) throws(RPCError) {
        guard try waitUntil(deadline, peer: peer, doing: "in the TLS handshake", { handshakeDone }) else {
            throw RPCError("\(peer): the peer closed the connection in the TLS handshake")
        }
    }

    /// Copies the next received bytes into `buffer`; 0 once the peer closed and all was read.
    func take(into buffer: UnsafeMutableRawBufferPointer, until deadline: ContinuousClock.Instant, peer: String) throws(RPCError) -> Int {
        guard try waitUntil(deadline, peer: peer, doing: "waiting for the answer", { !chunks.isEmpty }) else { return 0 }
        condition.lock()
        defer { condition.unlock() }
        guard let chunk = chunks.first else { return 0 }
        let count = min(buffer.count, chunk.count - offset)
        chunk.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<offset + count])) }
        offset += count
        if offset == chunk.count {
            chunks.removeFirst()
            offset = 0
        }
        return count
    }

    /// Waits until `ready` (true), the peer closed (false) or failed (thrown); throws at `deadline`.
    private func waitUntil(_ deadline: ContinuousClock.Instant, peer: String, doing what: String, _ ready: () -> Bool) throws(RPCError) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !ready() && !closed && failure == nil {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else { throw RPCError("\(peer): timed out \(what)") }
            _ = condition.wait(until: Date(timeIntervalSinceNow: Double(remaining.components.seconds) + Double(remaining.components.attoseconds) / 1e18))
        }
        if ready() { return true }
        if let failure { throw RPCError("\(peer): \(TLSSettings.explain(failure))") }
        return false
    }
}

/// Hands what the channel reads, its TLS handshake's end, its errors and its close to an ``InboundQueue``.
final class InboundBridge: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let queue: InboundQueue

    init(_ queue: InboundQueue) { self.queue = queue }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        queue.received(buffer.readBytes(length: buffer.readableBytes) ?? [])
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let tls = event as? TLSUserEvent, case .handshakeCompleted = tls { queue.handshakeCompleted() }
        if let event = event as? ChannelEvent, event == .inputClosed { queue.inputClosed() }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        queue.failed(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        queue.inputClosed()
    }
}
