import WasmPlugEngine
import WasmPlugRPC
import WasmPlugWRPC

/// A minimal blocking Redis client (RESP2): one connection, commands take turns, reconnecting
/// after a failure. Enough for the hash commands the key-value plugin uses.
final class RedisClient: @unchecked Sendable {
    // Safe to share: `socket` and `pending` are only touched under `lock`.
    enum Reply: Equatable {
        case status(String)
        case integer(Int64)
        case bulk([UInt8]?)
        case array([Reply])
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let target: WRPCAddress
    let timeout: Duration
    private let lock = Mutex()
    private var socket: Socket?
    private var pending: [UInt8] = []
    /// Where reads land, reused for the client's life.
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 1)

    init(target: WRPCAddress, timeout: Duration = .seconds(5)) {
        self.target = target
        self.timeout = timeout
    }

    deinit { buffer.deallocate() }

    /// Sends one command and returns its reply; a Redis error reply throws.
    func command(_ arguments: [[UInt8]]) throws -> Reply {
        try lock.withLock {
            let deadline = ContinuousClock.now + timeout
            do {
                let socket = try self.socket ?? Socket.connect(to: target, deadline: deadline)
                self.socket = socket
                var request = Array("*\(arguments.count)\r\n".utf8)
                for argument in arguments {
                    request += Array("$\(argument.count)\r\n".utf8) + argument + [13, 10]
                }
                try socket.write(request, until: deadline)
                return try reply(from: socket, deadline)
            } catch {
                socket = nil
                pending = []
                throw Failure(description: "redis at \(target): \(error)")
            }
        }
    }

    func command(_ arguments: String...) throws -> Reply {
        try command(arguments.map { Array($0.utf8) })
    }

    private func reply(from socket: Socket, _ deadline: ContinuousClock.Instant) throws -> Reply {
        let line = try self.line(socket, deadline)
        guard let kind = line.first else { throw Failure(description: "empty reply line") }
        let rest = String(decoding: line.dropFirst(), as: UTF8.self)
        switch kind {
        case UInt8(ascii: "+"): return .status(rest)
        case UInt8(ascii: "-"): throw Failure(description: rest)
        case UInt8(ascii: ":"):
            guard let value = Int64(rest) else { throw Failure(description: "bad integer reply") }
            return .integer(value)
        case UInt8(ascii: "$"):
            guard let length = Int(rest), length >= -1 else { throw Failure(description: "bad bulk length") }
            if length == -1 { return .bulk(nil) }
            let bytes = try take(length + 2, socket, deadline)
            return .bulk(Array(bytes.prefix(length)))
        case UInt8(ascii: "*"):
            guard let count = Int(rest), count >= -1 else { throw Failure(description: "bad array length") }
            var elements: [Reply] = []
            for _ in 0..<max(count, 0) { elements.append(try reply(from: socket, deadline)) }
            return .array(elements)
        default:
            throw Failure(description: "unknown reply type \(kind)")
        }
    }

    private func line(_ socket: Socket, _ deadline: ContinuousClock.Instant) throws -> [UInt8] {
        while true {
            if let end = pending.indices.dropLast().first(where: { pending[$0] == 13 && pending[$0 + 1] == 10 }) {
                let line = Array(pending[..<end])
                pending.removeFirst(end + 2)
                return line
            }
            try fill(socket, deadline)
        }
    }

    private func take(_ count: Int, _ socket: Socket, _ deadline: ContinuousClock.Instant) throws -> [UInt8] {
        while pending.count < count { try fill(socket, deadline) }
        defer { pending.removeFirst(count) }
        return Array(pending[..<count])
    }

    private func fill(_ socket: Socket, _ deadline: ContinuousClock.Instant) throws {
        let count = try socket.read(into: buffer, until: deadline)
        guard count > 0 else { throw Failure(description: "the server closed the connection") }
        pending += UnsafeRawBufferPointer(rebasing: buffer[..<count])
    }
}
