import Foundation
import WasmPlugRPC
import WasmPlugWRPC

extension WRPCServer {
    /// Serves wasmplug's sessions on the Unix socket at `path` (`plugin serve --sessions`, the
    /// child of an isolated plugin): a connection carries one call after another, each the wRPC
    /// header and one root frame of parameters, answered by one root frame of results.
    ///
    /// Each connection has a thread of its own that reads a call, runs it right there and writes
    /// the answer: no event loop, no thread hop, so a call costs one round trip. A call that fails
    /// is logged and its connection closed without an answer; the client sees that as the call
    /// failing.
    public func startSessions(at path: String) throws(RPCError) -> WRPCAddress {
        let listener = try Socket.listen(unixPath: path)
        Thread.detachNewThread { [self] in
            do {
                while true {
                    let connection = try listener.accept()
                    Thread.detachNewThread { [self] in serveSession(connection) }
                }
            } catch {
                log("sessions stopped: \(error)")
            }
        }
        return .unix(path: path)
    }

    /// Runs the calls of one connection until the client closes it or a call fails.
    private func serveSession(_ connection: Socket) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Socket.receiveBufferSize, alignment: 1)
        defer { buffer.deallocate() }
        var parser = WRPCStreamParser(expectsHeader: true, maxFrameSize: service.maxParameterSize)
        // A session waits as long as the client keeps it open.
        let forever = ContinuousClock.now + .seconds(100 * 365 * 86_400)
        do {
            while case .header(let instance, let name)? = try connection.nextEvent(&parser, buffer: buffer, expected: "call", until: forever) {
                guard case .frame(let path, let parameters)? = try connection.nextEvent(&parser, buffer: buffer, expected: "call", until: forever),
                      path.isEmpty else {
                    return log("a client of \(instance).\(name) sent no parameters as one root frame")
                }
                guard let function = service.function(instance: instance, name: name) else {
                    return log("a client called \(instance).\(name), which this server does not serve")
                }
                var results = WRPCSegments()
                do {
                    try service.call(function, parameters: .encoded(parameters), into: &results)
                } catch {
                    return log("\(instance).\(name) failed: \(error)")
                }
                try connection.writeFrame(data: results, until: forever)
                parser.expectHeader()
            }
        } catch {
            log("\(error)")
        }
    }
}
