import Glibc
import NIOCore
import WasmPlugBytes
import WasmPlugWRPC

/// One wRPC call on a stream connection (TCP or Unix): reads the header and the parameter
/// frames until the client shuts its side down, runs the call, writes the results as one root
/// frame and closes. A call that fails is closed with a reset, so the client never mistakes it
/// for an answer.
final class FramedInvocationHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let server: WRPCServer
    private var parser: WRPCStreamParser
    private var header: (instance: String, function: String)?
    private var parameters: [UInt8] = []
    private var failed = false

    init(server: WRPCServer) {
        self.server = server
        self.parser = WRPCStreamParser(expectsHeader: true, maxFrameSize: server.service.maxParameterSize)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !failed else { return }
        let buffer = unwrapInboundIn(data)
        buffer.withUnsafeReadableBytes { parser.append($0) }
        do {
            while let event = try parser.next() {
                switch event {
                case .header(let instance, let function):
                    header = (instance, function)
                case .frame(let path, let data):
                    guard path.isEmpty else { throw WRPCError(.typeMismatch, "asynchronous parameters (path \(path)) are not supported") }
                    guard parameters.count + data.count <= server.service.maxParameterSize else {
                        throw WRPCError(.lengthTooLarge, "parameters exceed \(server.service.maxParameterSize) bytes")
                    }
                    if parameters.isEmpty { parameters = data } else { parameters += data }
                }
            }
        } catch {
            fail(context, "a client sent a malformed call: \(error)")
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard let event = event as? ChannelEvent, event == .inputClosed, !failed else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        guard let header, !parser.hasPartialInput else {
            return fail(context, "a client closed its side before sending a whole call")
        }
        let name = "\(header.instance).\(header.function)"
        guard let function = server.service.function(instance: header.instance, name: header.function) else {
            return fail(context, "a client called \(name), which this server does not serve")
        }
        // The results are encoded straight into the buffer that is written, after a buffer with
        // the frame header (NIO sends the two in one vectored write).
        let allocator = context.channel.allocator
        server.run(function, parameters: .encoded(parameters), into: { allocator.buffer(capacity: 1024) }, on: context.eventLoop)
            .assumeIsolated().whenComplete { [self] result in
            switch result {
            case .success(let results):
                var frame: [UInt8] = []
                WRPCFraming.appendFrameHeader(path: [], dataCount: results.readableBytes, to: &frame)
                context.write(wrapOutboundOut(allocator.buffer(bytes: frame)), promise: nil)
                // Closed once written: closing the output before the write drains cuts the answer short.
                context.writeAndFlush(wrapOutboundOut(results))
                    .assumeIsolated().whenComplete { _ in context.close(promise: nil) }
            case .failure(let error):
                fail(context, "\(name) failed: \(error)")
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }

    /// Logs `message` and resets the connection.
    private func fail(_ context: ChannelHandlerContext, _ message: String) {
        failed = true
        server.log(message)
        guard let socket = context.channel as? SocketOptionProvider else { return context.close(promise: nil) }
        socket.setSoLinger(linger(l_onoff: 1, l_linger: 0)).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }
}

extension ByteBuffer: ByteSink {
    public mutating func append(_ byte: UInt8) { writeInteger(byte) }
    public mutating func append(contentsOf bytes: UnsafeRawBufferPointer) { writeBytes(bytes) }
}
