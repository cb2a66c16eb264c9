/// A WIT interface name such as `wasi:cli/stdout@0.2.3`, split into its parts.
public struct InterfaceName: Equatable, Sendable {
    public var namespace: String
    public var package: String
    public var interface: String?
    public var version: String?

    public init(_ text: String) {
        var rest = Substring(text)
        if let at = rest.lastIndex(of: "@") {
            version = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        if let slash = rest.firstIndex(of: "/") {
            interface = String(rest[rest.index(after: slash)...])
            rest = rest[..<slash]
        }
        if let colon = rest.firstIndex(of: ":") {
            namespace = String(rest[..<colon])
            package = String(rest[rest.index(after: colon)...])
        } else {
            namespace = ""
            package = String(rest)
        }
    }

    /// The name without its version: `wasi:cli/stdout`.
    public var unversioned: String {
        let base = namespace.isEmpty ? package : "\(namespace):\(package)"
        return interface.map { "\(base)/\($0)" } ?? base
    }
}
