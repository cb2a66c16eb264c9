import Glibc
import WasmPlugWRPC

/// A blocking stream socket whose every operation gives up at a deadline. The host calls RPC
/// plugins from inside a guest's call, on the guest's thread, so plain sockets with `poll`
/// are enough and cost no thread hop.
///
/// Sendable because it holds nothing mutable: the kernel serialises what happens to the descriptor.
package final class Socket: ByteStream, Sendable {
    let descriptor: Int32
    /// What the socket is connected to, for messages.
    package let peer: String

    init(descriptor: Int32, peer: String) {
        self.descriptor = descriptor
        self.peer = peer
    }

    deinit { close(descriptor) }

    /// The send buffer asked for on Unix sockets, both ends: a 1 MiB call or answer then goes in
    /// one write instead of a write per 208 KiB (Linux's default) and a wake-up of each side per
    /// chunk. It is a limit, not an allocation, and the kernel caps it at `net.core.wmem_max`.
    /// (TCP keeps its own autotuning, which an explicit size would turn off.)
    package static let unixSendBufferSize = 4 << 20

    /// Connects to a TCP address (every address `host` resolves to, in order) or a Unix socket.
    package static func connect(to target: WRPCAddress, deadline: ContinuousClock.Instant) throws(RPCError) -> Socket {
        switch target {
        case .tcp(let host, let port), .nats(let host, let port, _):
            return try connectTCP(host: host, port: port, peer: target.description, deadline: deadline)
        case .unix(let path):
            var address = try unixAddress(path)
            return try withUnsafeBytes(of: &address) { bytes throws(RPCError) in
                try connect(family: AF_UNIX, address: bytes, peer: target.description, deadline: deadline)
            }
        }
    }

    private static func connectTCP(host: String, port: UInt16, peer: String, deadline: ContinuousClock.Instant) throws(RPCError) -> Socket {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let list else {
            throw RPCError("\(peer): cannot resolve '\(host)': \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        var lastError = RPCError("\(peer): no address to connect to")
        var entry: UnsafeMutablePointer<addrinfo>? = list
        while let current = entry {
            do {
                let socket = try connect(family: current.pointee.ai_family,
                                         address: UnsafeRawBufferPointer(start: current.pointee.ai_addr, count: Int(current.pointee.ai_addrlen)),
                                         peer: peer, deadline: deadline)
                var one: Int32 = 1
                setsockopt(socket.descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                return socket
            } catch {
                lastError = error
            }
            entry = current.pointee.ai_next
        }
        throw lastError
    }

    private static func connect(family: Int32, address: UnsafeRawBufferPointer, peer: String,
                                deadline: ContinuousClock.Instant) throws(RPCError) -> Socket {
        let descriptor = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard descriptor >= 0 else { throw RPCError("\(peer): cannot create a socket: \(errorText())") }
        let socket = Socket(descriptor: descriptor, peer: peer)
        if family == AF_UNIX {
            var size = Int32(unixSendBufferSize)
            setsockopt(descriptor, SOL_SOCKET, SO_SNDBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        let result = Glibc.connect(descriptor, address.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(address.count))
        if result != 0 {
            guard errno == EINPROGRESS || errno == EAGAIN else {
                throw RPCError("\(peer): cannot connect: \(errorText())")
            }
            try socket.wait(for: Int16(POLLOUT), until: deadline, doing: "connecting")
            var error: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &error, &length)
            guard error == 0 else { throw RPCError("\(peer): cannot connect: \(String(cString: strerror(error)))") }
        }
        return socket
    }

    /// Writes all of `bytes`.
    package func write(_ bytes: UnsafeRawBufferPointer, until deadline: ContinuousClock.Instant) throws(RPCError) {
        var offset = 0
        while offset < bytes.count {
            let written = send(descriptor, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            if written > 0 {
                offset += written
            } else if written < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                try wait(for: Int16(POLLOUT), until: deadline, doing: "sending")
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                throw RPCError("\(peer): sending failed: \(errorText())")
            }
        }
    }

    /// Tells the peer nothing more will be sent (end of the request).
    package func shutdownWrite() {
        shutdown(descriptor, Int32(SHUT_WR))
    }

    /// Reads what is available into the start of `buffer` and returns how many bytes that was;
    /// 0 means the peer closed its side.
    package func read(into buffer: UnsafeMutableRawBufferPointer, until deadline: ContinuousClock.Instant) throws(RPCError) -> Int {
        while true {
            let count = recv(descriptor, buffer.baseAddress!, buffer.count, 0)
            if count >= 0 { return count }
            if errno == EAGAIN || errno == EWOULDBLOCK {
                try wait(for: Int16(POLLIN), until: deadline, doing: "waiting for the answer")
            } else if errno != EINTR {
                throw RPCError("\(peer): receiving failed: \(errorText())")
            }
        }
    }

    private func wait(for events: Int16, until deadline: ContinuousClock.Instant, doing what: String) throws(RPCError) {
        while true {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else { throw RPCError("\(peer): timed out \(what)") }
            let (seconds, attoseconds) = remaining.components
            let milliseconds = Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
            var entry = pollfd(fd: descriptor, events: events, revents: 0)
            let ready = poll(&entry, 1, milliseconds)
            if ready > 0 { return }
            if ready < 0 && errno != EINTR { throw RPCError("\(peer): waiting failed: \(errorText())") }
        }
    }
}

func errorText() -> String { String(cString: strerror(errno)) }

/// The address of the Unix socket at `path`; throws for a path longer than the address holds.
func unixAddress(_ path: String) throws(RPCError) -> sockaddr_un {
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let fits = withUnsafeMutableBytes(of: &address.sun_path) { buffer in
        guard path.utf8.count < buffer.count else { return false }
        buffer.copyBytes(from: path.utf8)
        return true
    }
    guard fits else { throw RPCError("\(path): the path is too long for a Unix socket; use a shorter one") }
    return address
}
