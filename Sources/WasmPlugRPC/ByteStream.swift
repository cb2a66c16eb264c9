/// A connection an RPC call is read from and written to with deadlines, on the caller's
/// thread: a plain ``Socket``, or a ``ChannelStream`` speaking TLS.
package protocol ByteStream: AnyObject {
    /// What the stream is connected to, for messages.
    var peer: String { get }
    /// Writes all of `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer, until deadline: ContinuousClock.Instant) throws(RPCError)
    /// Reads what is available into the start of `buffer` and returns how many bytes that was;
    /// 0 means the peer closed its side.
    func read(into buffer: UnsafeMutableRawBufferPointer, until deadline: ContinuousClock.Instant) throws(RPCError) -> Int
    /// Tells the peer nothing more will be sent (end of the request).
    func shutdownWrite()
}

extension ByteStream {
    /// Writes all of `bytes`.
    package func write(_ bytes: [UInt8], until deadline: ContinuousClock.Instant) throws(RPCError) {
        // withUnsafeBytes rethrows untyped errors: the typed one travels in a Result.
        try bytes.withUnsafeBytes { raw in Result { () throws(RPCError) in try write(raw, until: deadline) } }.get()
    }

    /// Calls `body` with each chunk received until the peer closes its side. The chunks live in
    /// one 64 KiB buffer (below malloc's mmap threshold), reused for every read.
    package func receiveUntilClosed(until deadline: ContinuousClock.Instant,
                                    _ body: (UnsafeRawBufferPointer) throws(RPCError) -> Void) throws(RPCError) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Socket.receiveBufferSize, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            let count = try read(into: buffer, until: deadline)
            if count == 0 { return }
            try body(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        }
    }
}
