import Glibc
import WasmPlugWRPC

extension ByteStream {
    /// Writes one wRPC call: the stream header, then the parameters as one root frame.
    package func writeCall(instance: String, function: String, parameters: WRPCSegments,
                           until deadline: ContinuousClock.Instant) throws(RPCError) {
        try writeFrame(data: parameters, after: WRPCFraming.header(instance: instance, function: function), until: deadline)
    }

    /// Writes `prefix`, then `data` as one root frame: in one write (one segment) when small,
    /// else each part of `data` from where it is.
    package func writeFrame(data: WRPCSegments, after prefix: [UInt8] = [], until deadline: ContinuousClock.Instant) throws(RPCError) {
        var head = prefix
        WRPCFraming.appendFrameHeader(path: [], dataCount: data.count, to: &head)
        if data.count <= 64 << 10 {
            return try write(head + data.joined, until: deadline)
        }
        try write(head, until: deadline)
        for part in data.parts {
            switch part {
            case .bytes(let bytes): try write(bytes, until: deadline)
            case .string(var string):
                try string.withUTF8 { utf8 in Result { () throws(RPCError) in try write(UnsafeRawBufferPointer(utf8), until: deadline) } }.get()
            case .borrowed(let bytes): try write(bytes, until: deadline)
            }
        }
    }

}

extension Socket {
    /// A listening Unix socket at `path`, replacing a socket left there (never another kind of file).
    package static func listen(unixPath path: String) throws(RPCError) -> Socket {
        var status = stat()
        if lstat(path, &status) == 0 {
            guard status.st_mode & S_IFMT == S_IFSOCK else {
                throw RPCError("\(path): a file that is not a socket is there; give a path for a new socket")
            }
            unlink(path)
        }
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw RPCError("\(path): cannot create a socket: \(errorText())") }
        let listener = Socket(descriptor: descriptor, peer: path)
        var address = try unixAddress(path)
        let bound = withUnsafeBytes(of: &address) {
            bind(descriptor, $0.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t($0.count))
        }
        guard bound == 0, Glibc.listen(descriptor, 256) == 0 else { throw RPCError("\(path): cannot listen: \(errorText())") }
        return listener
    }

    /// Waits for the next connection to a listening socket; the connection is non-blocking, as
    /// every operation on it has a deadline.
    package func accept() throws(RPCError) -> Socket {
        while true {
            let connection = Glibc.accept(descriptor, nil, nil)
            if connection >= 0 {
                _ = fcntl(connection, F_SETFD, FD_CLOEXEC)
                _ = fcntl(connection, F_SETFL, fcntl(connection, F_GETFL) | O_NONBLOCK)
                return Socket(descriptor: connection, peer: "a client of \(peer)")
            }
            if errno != EINTR && errno != ECONNABORTED { throw RPCError("\(peer): cannot accept a connection: \(errorText())") }
        }
    }
}

extension Socket {
    /// The size of the buffer a connection reads into: below malloc's mmap threshold.
    package static let receiveBufferSize = 64 << 10
}

extension ByteStream {
    /// Reads into `parser` until it holds a whole event and returns that event; `nil` when the
    /// peer closes its side first. Headers land in `buffer`; a frame's data is read straight
    /// into the frame once its length is known. `expected` names what the peer sends, for the
    /// error when it is malformed ("answer", "call").
    package func nextEvent(_ parser: inout WRPCStreamParser, buffer: UnsafeMutableRawBufferPointer, expected: String,
                           until deadline: ContinuousClock.Instant) throws(RPCError) -> WRPCStreamEvent? {
        while true {
            do {
                if let event = try parser.next() { return event }
            } catch {
                throw RPCError("\(peer) sent a malformed \(expected): \(error)")
            }
            if let count = try parser.receiveFrameData({ (space) throws(RPCError) in try read(into: space, until: deadline) }) {
                if count == 0 { return nil }
                continue
            }
            let count = try read(into: buffer, until: deadline)
            if count == 0 { return nil }
            parser.append(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        }
    }
}
