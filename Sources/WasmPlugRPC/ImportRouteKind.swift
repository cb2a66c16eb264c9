import WasmPlugNATS
import WasmPlugProvider
import WasmPlugTLS
import WasmPlugWRPC

/// `-P import=INTERFACE=URL[,timeout=…]`: one import routed to its own RPC plugin, as the RPC
/// plugins RFC's thread writes it (`-P import=wasi:keyvalue=wrpc+tcp://[::1]:7761`). It is an
/// RPC plugin of its own, and the provider that interface prefers (its name is the URL).
public struct ImportRouteKind: PluginKind {
    public static let synopsis = "-P import=INTERFACE=URL"
    public static let help = """
          -P import=INTERFACE=URL[,timeout=DURATION][,resource-drops=yes|no][,tls-*=…][,nats-*=…]
              Routes one import to its own RPC plugin, reached at URL: wrpc+tcp://HOST:PORT,
              wrpc+unix:///PATH or wrpc+nats://HOST:PORT[/PREFIX]. Each route is a plugin of
              its own, and is chosen for INTERFACE even when another provider offers it too:
                wasmplug run -P import=wasi:keyvalue=wrpc+tcp://[::1]:7761 \\
                             -P import=wasi:nn=wrpc+unix:///run/nn.sock app.wasm
              A route takes the tls-*, nats-* and allow-plaintext options of -P protocol=.
        """

    private var routes: [RPCPluginSpecification] = []

    public init() {}

    /// Whether `text` is a route: `import=` whose value holds `=`.
    public static func isRoute(_ text: String) -> Bool {
        text.hasPrefix("import=") && (text.split(separator: ",").first ?? "").dropFirst("import=".count).contains("=")
    }

    /// The preference a route implies: its interface is served by its URL.
    public static func preference(_ text: String) throws(HostError) -> ProviderPreference? {
        guard isRoute(text) else { return nil }
        let route = try parse(text)
        return try ProviderPreference(parsing: "\(route.imports[0])=\(try route.rpcTarget().url)")
    }

    public mutating func take(_ text: String) throws(HostError) -> Bool {
        guard Self.isRoute(text) else { return false }
        routes.append(try Self.parse(text))
        return true
    }

    private static func parse(_ text: String) throws(HostError) -> RPCPluginSpecification {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let route = parts[0].dropFirst("import=".count)
        let equals = route.firstIndex(of: "=")!
        let interface = String(route[..<equals]), url = String(route[route.index(after: equals)...])
        var specification = RPCPluginSpecification()
        do {
            (specification.protocolName, specification.target, specification.prefix) = try WRPCAddress.components(url: url)
            _ = try WRPCAddress(url: url)
        } catch {
            throw HostError("-P import=\(interface)=\(url): \(error.message)")
        }
        try specification.set("import", interface)
        for part in parts.dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, optionKeys.contains(pair[0]) else {
                throw HostError("-P '\(text)': '\(part)' is not an option of a route; a route takes "
                    + optionKeys.map { "\($0)=" }.joined(separator: ", "))
            }
            try specification.set(pair[0], pair[1])
        }
        try specification.validate()
        return specification
    }

    public func specifications() throws(HostError) -> [any PluginSpecification] { routes }

    /// What a route takes beside its URL: the RPC plugin's options that the URL does not give.
    private static let optionKeys = ["timeout", "resource-drops", "allow-plaintext"] + TLSSettings.optionKeys + NATSAuthentication.optionKeys
}
