import WasmPlugProvider

/// A native plugin given on the command line: `-P plugin=./libkv.so,key=value,...`.
public struct NativePluginSpecification: PluginSpecification, Equatable {
    public var path: String
    /// The `key=value` pairs after the path, in order.
    public var configuration: [Configuration]

    public struct Configuration: Sendable, Equatable {
        public var key: String
        public var value: String

        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    /// Parses the text after `-P`.
    public init(parsing text: String) throws(HostError) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, first.hasPrefix("plugin="), first.count > "plugin=".count else {
            throw HostError("-P '\(text)': write -P plugin=PATH[,key=value...], e.g. -P plugin=./libkv.so,path=kv.db")
        }
        path = String(first.dropFirst("plugin=".count))
        configuration = []
        for part in parts.dropFirst() {
            guard let equals = part.firstIndex(of: "="), equals != part.startIndex else {
                throw HostError("-P \(text): '\(part)' is not key=value")
            }
            configuration.append(.init(key: String(part[..<equals]), value: String(part[part.index(after: equals)...])))
        }
    }

    /// The text `init(parsing:)` reads back: `plugin=PATH,key=value,...`.
    public var text: String {
        "plugin=" + path + configuration.map { ",\($0.key)=\($0.value)" }.joined()
    }

    /// Opens the library (its descriptor function is the only code of it that runs).
    public func makeProvider(_ context: ProviderContext) throws(HostError) -> any ImportProvider {
        do {
            return NativePlugin(library: try PluginLibrary(path: path), configuration: configuration.map { ($0.key, $0.value) })
        } catch {
            throw HostError(error.description)
        }
    }
}

/// `-P plugin=PATH[,KEY=VALUE...]`: a native plugin library loaded into the host.
/// (With `isolate=` the plugin belongs to the isolated kind instead.)
public struct NativePluginKind: PluginKind {
    public static let synopsis = "-P plugin=PATH"
    public static let help = """
          -P plugin=PATH[,KEY=VALUE...]
              A native plugin: a shared library that describes itself with WIT
              (docs/native-plugins.md). It serves every import whose interface it implements.
              KEY=VALUE pairs are the plugin's configuration; `wasmplug plugin inspect PATH`
              lists the keys a plugin accepts. Example:
                wasmplug run -P plugin=./libkeyvalue_sqlite.so,path=data.db app.wasm
        """

    private var plugins: [NativePluginSpecification] = []

    public init() {}

    public mutating func take(_ text: String) throws(HostError) -> Bool {
        guard text.hasPrefix("plugin=") else { return false }
        let specification = try NativePluginSpecification(parsing: text)
        if specification.configuration.contains(where: { $0.key == Self.isolationKey }) { return false }
        plugins.append(specification)
        return true
    }

    public func specifications() throws(HostError) -> [any PluginSpecification] { plugins }

    /// The configuration key that moves a native plugin out of the host process.
    public static let isolationKey = "isolate"
}
