import WasmPlugTLS
import WasmPlugWRPC

/// Sends one encoded invocation to an RPC plugin and returns the encoded results.
protocol RPCInvoker: AnyObject {
    /// Invokes `function` of `instance` with the encoded parameter tuple (its large strings
    /// referenced, not copied); returns the encoded
    /// result tuple, `nil` when the plugin answered with no result data at all, or throws a
    /// message naming the target.
    func invoke(instance: String, function: String, parameters: WRPCSegments, deadline: ContinuousClock.Instant) throws(RPCError) -> [UInt8]?
}

/// wRPC over a stream transport without multiplexing (TCP, Unix sockets): one connection per
/// call, carrying the framed stream; the parameters go as one root frame, then the write side
/// is shut down; the results are every root frame until the server closes.
final class FramedInvoker: RPCInvoker {
    let target: WRPCAddress
    /// The most result bytes accepted from one call.
    let maxResultSize: Int
    /// TLS to a wrpc+tcp target, when given.
    let tls: TLSSettings?

    init(target: WRPCAddress, maxResultSize: Int, tls: TLSSettings?) {
        self.target = target
        self.maxResultSize = maxResultSize
        self.tls = tls
    }

    func invoke(instance: String, function: String, parameters: WRPCSegments, deadline: ContinuousClock.Instant) throws(RPCError) -> [UInt8]? {
        let socket: any ByteStream
        if let tls, case .tcp(let host, let port) = target {
            let stream = try ChannelStream.connect(host: host, port: port, peer: target.description, deadline: deadline)
            try stream.startTLS(tls, serverName: tls.serverName(forHost: host), until: deadline)
            socket = stream
        } else {
            socket = try Socket.connect(to: target, deadline: deadline)
        }
        try socket.writeCall(instance: instance, function: function, parameters: parameters, until: deadline)
        socket.shutdownWrite()

        var parser = WRPCStreamParser(expectsHeader: false, maxFrameSize: maxResultSize)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Socket.receiveBufferSize, alignment: 1)
        defer { buffer.deallocate() }
        var results: [UInt8] = []
        var received = false
        while let event = try socket.nextEvent(&parser, buffer: buffer, expected: "answer", until: deadline) {
            guard case .frame(let path, let data) = event else { throw RPCError("\(target) sent a header in its answer") }
            guard path.isEmpty else {
                throw RPCError("\(target) sent data for result path \(path); only whole (root) results are supported")
            }
            guard results.count + data.count <= maxResultSize else {
                throw RPCError("\(target) sent more than \(maxResultSize) bytes of results")
            }
            if results.isEmpty { results = data } else { results += data }
            received = true
        }
        if parser.hasPartialInput {
            throw RPCError("\(target) closed the connection in the middle of a frame")
        }
        return received ? results : nil
    }
}

