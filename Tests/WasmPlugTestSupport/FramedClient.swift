import Foundation

/// A bare wRPC client over TCP on 127.0.0.1 or a Unix socket: sends bytes exactly as given (a
/// header and frames built by the test, as a real peer would write them), shuts its side down
/// and returns everything the server sent until it closed ([] for a call that was refused or
/// failed, [0xff] when it cannot connect).
public struct FramedClient {
    /// The TCP port, or the socket's path.
    public let port: UInt16?
    public let socketPath: String?

    public init(port: UInt16) {
        self.port = port
        socketPath = nil
    }

    public init(socketPath: String) {
        port = nil
        self.socketPath = socketPath
    }

    /// The client for the address a plugin server printed, `serving ... on wrpc+tcp HOST:PORT`
    /// or `serving ... on wrpc+unix PATH`; nil for any other line.
    public init?(servingLine line: String) {
        guard let address = line.components(separatedBy: " on ").last?.split(separator: " "), address.count == 2 else { return nil }
        switch address[0] {
        case "wrpc+tcp":
            guard let port = address[1].split(separator: ":").last.flatMap({ UInt16($0) }) else { return nil }
            self.init(port: port)
        case "wrpc+unix": self.init(socketPath: String(address[1]))
        default: return nil
        }
    }

    /// A call as `SPEC.md` spells it, built here by hand: the version byte 0, the header
    /// `{instance, name}` (two strings: LEB128 length, UTF-8), then the parameters as one frame
    /// on the root path (path length 0, data length, data).
    public static func call(instance: String, function: String, parameters: [UInt8]) -> [UInt8] {
        [0x00] + string(instance) + string(function) + [0x00] + leb128(parameters.count) + parameters
    }

    /// A `string` in the value encoding: its UTF-8 length as LEB128, then the bytes.
    public static func string(_ text: String) -> [UInt8] { leb128(text.utf8.count) + Array(text.utf8) }

    private static func leb128(_ value: Int) -> [UInt8] {
        var bytes: [UInt8] = [], rest = UInt64(value)
        repeat {
            let low = UInt8(rest & 0x7f)
            rest >>= 7
            bytes.append(rest == 0 ? low : low | 0x80)
        } while rest != 0
        return bytes
    }

    public func exchange(_ request: [UInt8]) -> [UInt8] {
        let descriptor = socket(port == nil ? AF_UNIX : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        guard connect(descriptor) == 0 else { return [0xff] }
        send(request, on: descriptor)
        shutdown(descriptor, Int32(SHUT_WR))
        var answer: [UInt8] = [], buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count <= 0 { return answer }
            answer += buffer[..<count]
        }
    }

    private func connect(_ descriptor: Int32) -> Int32 {
        if let port {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = port.bigEndian
            return withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: (socketPath ?? "").utf8.prefix($0.count - 1)) }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
    }
}

/// Sends `bytes` on a connection.
public func send(_ bytes: [UInt8], on connection: Int32) {
    _ = bytes.withUnsafeBytes { Glibc.send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
}
