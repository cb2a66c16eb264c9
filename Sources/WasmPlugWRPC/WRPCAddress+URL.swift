extension WRPCAddress {
    /// Reads a URL as the RPC plugins RFC's thread writes them: `wrpc+tcp://[::1]:7761`,
    /// `wrpc+unix:///run/nn.sock`, `wrpc+nats://127.0.0.1:4222/PREFIX` (port and prefix optional).
    public init(url: String) throws(WRPCAddressError) {
        let parts = try Self.components(url: url)
        try self.init(protocol: parts.protocol, target: parts.target, prefix: parts.prefix)
    }

    /// A URL's parts as `-P protocol=`, `-P target=` and `-P prefix=` give them.
    public static func components(url: String) throws(WRPCAddressError) -> (protocol: String, target: String, prefix: String?) {
        let halves = url.split(separator: "://", maxSplits: 1, omittingEmptySubsequences: false)
        guard halves.count == 2 else {
            throw WRPCAddressError("'\(url)' is not a wRPC URL; write wrpc+tcp://HOST:PORT, wrpc+unix:///PATH or wrpc+nats://HOST:PORT[/PREFIX]")
        }
        let scheme = String(halves[0]), rest = String(halves[1])
        guard protocols.contains(scheme) else {
            throw WRPCAddressError("'\(url)': unknown scheme '\(scheme)'; use one of \(protocols.joined(separator: ", "))")
        }
        guard !rest.isEmpty else { throw WRPCAddressError("'\(url)' names no address after \(scheme)://") }
        guard scheme == "wrpc+nats", let slash = rest.firstIndex(of: "/") else { return (scheme, rest, nil) }
        let prefix = rest[rest.index(after: slash)...]
        return (scheme, String(rest[..<slash]), prefix.isEmpty ? nil : String(prefix))
    }

    /// The address as a URL that ``init(url:)`` reads back.
    public var url: String {
        switch self {
        case .tcp(let host, let port): "wrpc+tcp://\(Self.hostPort(host, port))"
        case .unix(let path): "wrpc+unix://\(path)"
        case .nats(let host, let port, let prefix): "wrpc+nats://\(Self.hostPort(host, port))" + (prefix.map { "/\($0)" } ?? "")
        }
    }

    private static func hostPort(_ host: String, _ port: UInt16) -> String {
        "\(host.contains(":") ? "[\(host)]" : host):\(port)"
    }
}
