/// Where a wRPC server listens and its clients reach it, and over which transport.
public enum WRPCAddress: Sendable, Equatable, CustomStringConvertible {
    /// `wrpc+tcp`: clients open a new, framed TCP connection per call; a server listening on
    /// port 0 picks a free one.
    case tcp(host: String, port: UInt16)
    /// `wrpc+unix`: a new, framed Unix socket connection per call; a server replaces an old
    /// socket file at `path`.
    case unix(path: String)
    /// `wrpc+nats`: NATS subjects `[prefix.]wrpc.0.0.1.<instance>.<function>` on a NATS server;
    /// servers subscribe in a queue group, so several share the calls.
    case nats(host: String, port: UInt16, prefix: String?)

    /// The RFC's defaults: `wrpc+tcp` on `[::1]:7761`.
    public static let defaultProtocol = "wrpc+tcp"
    public static let defaultTCPAddress = "[::1]:7761"
    public static let protocols = ["wrpc+tcp", "wrpc+unix", "wrpc+nats"]

    /// Parses `protocol` and `target` as `-P protocol=… -P target=…` give them. `target` nil
    /// takes the protocol's default (TCP: `[::1]:7761`, NATS: `127.0.0.1:4222`).
    public init(protocol name: String, target: String?, prefix: String? = nil) throws(WRPCAddressError) {
        switch name {
        case "wrpc+tcp":
            let (host, port) = try Self.address(target ?? Self.defaultTCPAddress, defaultPort: nil)
            self = .tcp(host: host, port: port)
        case "wrpc+unix":
            guard let target, !target.isEmpty else {
                throw WRPCAddressError("protocol wrpc+unix needs the socket's path: -P target=/path/to/plugin.sock")
            }
            guard target.utf8.count < 108 else {
                throw WRPCAddressError("unix socket path '\(target)' is longer than the 107 bytes a socket address holds")
            }
            self = .unix(path: target)
        case "wrpc+nats":
            var address = target ?? "127.0.0.1:4222"
            if address.hasPrefix("nats://") { address.removeFirst("nats://".count) }
            let (host, port) = try Self.address(address, defaultPort: 4222)
            self = .nats(host: host, port: port, prefix: prefix)
        default:
            throw WRPCAddressError("unknown protocol '\(name)': use one of \(Self.protocols.joined(separator: ", "))")
        }
    }

    /// `host:port` or `[v6]:port`; the port may be omitted when there is a default.
    private static func address(_ text: String, defaultPort: UInt16?) throws(WRPCAddressError) -> (String, UInt16) {
        let usage = "write HOST:PORT or [IPv6]:PORT, e.g. [::1]:7761 or 127.0.0.1:7761"
        var host: Substring, portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw WRPCAddressError("target '\(text)': no closing ']'; \(usage)") }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            if rest.isEmpty { portText = nil } else if rest.first == ":" { portText = rest.dropFirst() } else {
                throw WRPCAddressError("target '\(text)': expected ':' after ']'; \(usage)")
            }
        } else if let colon = text.lastIndex(of: ":") {
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        } else {
            host = Substring(text)
            portText = nil
        }
        guard !host.isEmpty else { throw WRPCAddressError("target '\(text)': the host is empty; \(usage)") }
        guard let port = portText.map({ UInt16($0) }) ?? defaultPort else {
            throw WRPCAddressError("target '\(text)': the port is missing or not a number from 0 to 65535; \(usage)")
        }
        return (String(host), port)
    }

    /// `HOST:PORT` (`[IPv6]:PORT`) of a TCP or NATS address; the path of a Unix socket.
    public var hostAndPort: String {
        switch self {
        case .tcp(let host, let port), .nats(let host, let port, _): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        case .unix(let path): path
        }
    }

    public var description: String {
        switch self {
        case .tcp(let host, let port): "wrpc+tcp \(host.contains(":") ? "[\(host)]" : host):\(port)"
        case .unix(let path): "wrpc+unix \(path)"
        case .nats(let host, let port, let prefix):
            "wrpc+nats \(host.contains(":") ? "[\(host)]" : host):\(port)" + (prefix.map { " prefix \($0)" } ?? "")
        }
    }
}

/// A `protocol`/`target` pair that names no wRPC address; `description` says what is wrong
/// and how to write it.
public struct WRPCAddressError: Error, CustomStringConvertible, Sendable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
