import WasmPlugTLS
import WasmPlugWRPC

/// Sends one encoded invocation to an RPC plugin and returns the encoded results.
protocol RPCInvoker: AnyObject {
    /// Invokes `function` of `instance` with the encoded parameter tuple; returns the encoded
    /// result tuple, `nil` when the plugin answered with no result data at all, or throws a
    /// message naming the target.
    func invoke(instance: String, function: String, parameters: [UInt8], deadline: ContinuousClock.Instant) throws(RPCError) -> [UInt8]?
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

    func invoke(instance: String, function: String, parameters: [UInt8], deadline: ContinuousClock.Instant) throws(RPCError) -> [UInt8]? {
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
        var results: [UInt8] = []
        var received = false
        try socket.receiveUntilClosed(until: deadline) { chunk throws(RPCError) in
            parser.append(chunk)
            do {
                while case .frame(let path, let data)? = try parser.next() {
                    guard path.isEmpty else {
                        throw RPCError("\(target) sent data for result path \(path); only whole (root) results are supported")
                    }
                    guard results.count + data.count <= maxResultSize else {
                        throw RPCError("\(target) sent more than \(maxResultSize) bytes of results")
                    }
                    if results.isEmpty { results = data } else { results += data }
                    received = true
                }
            } catch let error as WRPCError {
                throw RPCError("\(target) sent a malformed answer: \(error)")
            } catch let error as RPCError {
                throw error
            } catch {
                throw RPCError("\(target): \(error)")
            }
        }
        if parser.hasPartialInput {
            throw RPCError("\(target) closed the connection in the middle of a frame")
        }
        return received ? results : nil
    }
}

