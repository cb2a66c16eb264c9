import WasmPlugEngine

/// `-P prefer=INTERFACE=PROVIDER`: which provider serves an interface that several offer. The
/// interface is a package (`wasi:keyvalue`) or an interface (`wasi:keyvalue/store`), any
/// version unless it names one; the provider is a plugin's name (`ImportProvider.name`) or
/// `builtin` (WASI 0.2, and wasi:http's client under `-S http`).
public struct ProviderPreference: Sendable, Equatable {
    public var interface: String
    public var provider: String

    /// The word that names the built-in WASI 0.2.
    public static let builtIn = "builtin"

    /// Parses the text after `prefer=`: `INTERFACE=PROVIDER`.
    public init(parsing text: String) throws(HostError) {
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, parts[0].contains(":"), !parts[1].isEmpty, !parts[1].contains(",") else {
            throw HostError("-P prefer=\(text): write -P prefer=INTERFACE=PLUGIN-NAME or -P prefer=INTERFACE=builtin, "
                + "e.g. -P prefer=wasi:keyvalue/store=keyvalue-sqlite")
        }
        interface = parts[0]
        provider = parts[1]
    }

    /// Whether it speaks of the import `name`: the same interface or package, with the same
    /// version when it names one.
    public func applies(to name: String) -> Bool {
        let wanted = InterfaceName(interface), imported = InterfaceName(name)
        guard wanted.namespace == imported.namespace, wanted.package == imported.package else { return false }
        if let interface = wanted.interface, interface != imported.interface { return false }
        return wanted.version == nil || wanted.version == imported.version
    }

    /// Whether `offer` is the provider it names.
    public func chooses(_ offer: Provider) -> Bool {
        switch offer {
        case .builtInWASI, .builtInHTTP: provider == Self.builtIn
        case .plugin(let plugin): plugin.name == provider
        default: false
        }
    }

    /// How the command line writes it.
    public var text: String { "-P prefer=\(interface)=\(provider)" }
}
