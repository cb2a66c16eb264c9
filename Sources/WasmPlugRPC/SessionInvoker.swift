import WasmPlugEngine
import WasmPlugWRPC

/// Calls to `wasmplug plugin serve --sessions` (an isolated plugin's child): connections stay
/// open and carry one call after another, so a call costs one round trip. A call writes the
/// wRPC header and its parameters as one root frame, and reads one root frame back.
///
/// Each call takes an idle connection, or opens one when none is idle, so calls from several
/// stores or threads at once each have a connection of their own; the wRPC framing stays one
/// call at a time per connection. A connection on which anything went wrong (the child died,
/// the deadline passed, the answer was malformed) is closed, never reused.
final class SessionInvoker: RPCInvoker, @unchecked Sendable {
    // Safe to share: `idle` is only touched under `lock`, and a connection taken from it belongs
    // to one call until that call puts it back.
    let target: WRPCAddress
    /// The most result bytes accepted from one call.
    let maxResultSize: Int
    private let lock = Mutex()
    private var idle: [Connection] = []
    /// The most idle connections kept; more are closed when their call ends.
    static let maxIdle = 64

    /// A connection and the buffer its reads land in.
    final class Connection {
        let socket: Socket
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Socket.receiveBufferSize, alignment: 1)
        init(_ socket: Socket) { self.socket = socket }
        deinit { buffer.deallocate() }
    }

    init(target: WRPCAddress, maxResultSize: Int) {
        self.target = target
        self.maxResultSize = maxResultSize
    }

    func invoke(instance: String, function: String, parameters: WRPCSegments, deadline: ContinuousClock.Instant) throws(RPCError) -> [UInt8]? {
        let connection: Connection
        if let reused = lock.withLock({ idle.popLast() }) {
            connection = reused
        } else {
            connection = Connection(try Socket.connect(to: target, deadline: deadline))
        }
        try connection.socket.writeCall(instance: instance, function: function, parameters: parameters, until: deadline)
        var parser = WRPCStreamParser(expectsHeader: false, maxFrameSize: maxResultSize)
        guard case .frame(let path, let results)? = try connection.socket.nextEvent(&parser, buffer: connection.buffer, expected: "answer", until: deadline) else {
            throw RPCError("\(target) closed the connection without answering (see the plugin's log)")
        }
        guard path.isEmpty else { throw RPCError("\(target) sent data for result path \(path); only whole (root) results are supported") }
        guard !parser.hasPartialInput else { throw RPCError("\(target) sent more than one answer to one call") }
        lock.withLock { if idle.count < Self.maxIdle { idle.append(connection) } }
        return results
    }
}
