import WasmPlugProvider

/// A plugin component given on the command line: `-P component=kv.wasm,trusted,dl-policy=dl.toml`.
public struct ComponentPluginSpecification: PluginSpecification, Equatable {
    /// The component file.
    public var path: String
    /// Whether the component may import wasi:dl (native code, under ``dlPolicy``).
    public var trusted = false
    /// The dl policy file of a trusted component; none allows nothing.
    public var dlPolicy: String?

    /// Parses the text after `-P`.
    public init(parsing text: String) throws(HostError) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, first.hasPrefix("component="), first.count > "component=".count else {
            throw HostError("-P '\(text)': write -P component=PATH[,trusted][,dl-policy=FILE], e.g. -P component=kv.wasm")
        }
        path = String(first.dropFirst("component=".count))
        for part in parts.dropFirst() {
            if part == "trusted" {
                trusted = true
            } else if part.hasPrefix("dl-policy="), part.count > "dl-policy=".count {
                dlPolicy = String(part.dropFirst("dl-policy=".count))
            } else {
                throw HostError("-P \(text): unknown option '\(part)'; a plugin component takes trusted and dl-policy=FILE")
            }
        }
        if dlPolicy != nil && !trusted {
            throw HostError("-P \(text): dl-policy= only applies to a trusted component; add ,trusted if you trust \(path) "
                + "to run native code")
        }
    }

    /// Compiles the component; it is instantiated in each store later.
    public func makeProvider(_ context: ProviderContext) throws(HostError) -> any ImportProvider {
        try ComponentPlugin(self, context: context)
    }
}

/// `-P component=PATH[,trusted][,dl-policy=FILE]`: plugin components.
public struct ComponentPluginKind: PluginKind {
    public static let synopsis = "-P component=PATH"
    public static let help = """
          -P component=PATH[,trusted][,dl-policy=FILE]
              A plugin component (docs/component-plugins.md): a component instantiated in the
              guest's store, sharing its WASI context; each interface it exports serves the
              guest's import of the same name (any version). Its own imports come from WASI,
              the other plugins (components are instantiated in dependency order) and, only when
              it is trusted, wasi:dl: native libraries under the dl policy FILE, called through
              wasi:dl/dl or as typed native imports the policy binds (docs/wasi-dl.md; without a
              policy, nothing is allowed). Example:
                wasmplug run -P component=keyvalue-dl-sqlite.wasm,trusted,dl-policy=policy.toml app.wasm
        """

    private var plugins: [ComponentPluginSpecification] = []

    public init() {}

    public mutating func take(_ text: String) throws(HostError) -> Bool {
        guard text.hasPrefix("component=") else { return false }
        plugins.append(try ComponentPluginSpecification(parsing: text))
        return true
    }

    public func specifications() throws(HostError) -> [any PluginSpecification] { plugins }
}
