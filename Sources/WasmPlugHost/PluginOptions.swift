import WasmPlugComponentPlugins
import WasmPlugIsolation
import WasmPlugNative
import WasmPlugProvider
import WasmPlugRPC

/// The kinds of plugin `-P` can name, each offered every text in this order. Adding a kind of
/// plugin is its module and one line here.
public enum PluginKinds {
    public static let all: [any PluginKind.Type] = [
        NativePluginKind.self, IsolatedPluginKind.self, ComponentPluginKind.self, ImportRouteKind.self, RPCPluginKind.self,
    ]

    /// What `-P help` prints: every kind's options.
    public static var help: String {
        """
            Plugin options (-P), repeatable; each -P adds one plugin:

            \(all.map { $0.help }.joined(separator: "\n\n"))

            \(PluginSearchPath.help)

              -P prefer=INTERFACE=NAME|builtin
                  Which provider serves INTERFACE (a package such as wasi:keyvalue, or an
                  interface) when several offer it: a plugin's name (a native plugin's declared
                  name, a plugin component's file name, an RPC plugin's URL) or builtin (WASI 0.2).
                  Without it, an import offered by two providers is an error. Example:
                    wasmplug run -P plugin=keyvalue-sqlite -P component=kv.wasm \\
                                 -P prefer=wasi:keyvalue=keyvalue-sqlite app.wasm

            Every option can also be written in a run configuration file, `--config app.toml`
            (docs/configuration.md). `wasmplug inspect -P ... app.wasm` shows which provider
            serves each import.
            """
    }
}

/// Every plugin the `-P` options of one command name, parsed once into typed specifications.
public struct PluginOptions: Sendable {
    public var specifications: [any PluginSpecification] = []

    /// No plugins.
    public init() {}

    /// Which provider serves an interface several offer (`-P prefer=`, and each `-P import=INTERFACE=URL`).
    public var preferences: [ProviderPreference] = []

    /// Parses the `-P` texts of the command line in order; see ``init(parsing:searchPath:)``.
    public init(parsing texts: [String], searchPath: PluginSearchPath = .standard()) throws(HostError) {
        try self.init(parsing: texts.map { OptionItem($0) }, searchPath: searchPath)
    }

    /// Parses the `-P` items in order, each by the first kind that takes it; `plugin=NAME` is
    /// first found on `searchPath`. An error about an item from a file names its file and line.
    public init(parsing items: [OptionItem], searchPath: PluginSearchPath = .standard()) throws(HostError) {
        var parsers: [any PluginKind] = PluginKinds.all.map { $0.init() }
        for item in items {
            do {
                try take(item.text, parsers: &parsers, searchPath: searchPath)
            } catch {
                throw item.located(error)
            }
        }
        for parser in parsers { specifications += try parser.specifications() }
    }

    private mutating func take(_ given: String, parsers: inout [any PluginKind], searchPath: PluginSearchPath) throws(HostError) {
        if given.hasPrefix("prefer=") { return preferences.append(try ProviderPreference(parsing: String(given.dropFirst("prefer=".count)))) }
        if let route = try ImportRouteKind.preference(given) { preferences.append(route) }
        let text = try searchPath.locating(given)
        var taken = false
        for index in parsers.indices where !taken { taken = try parsers[index].take(text) }
        guard !taken else { return }
        let key = text.split(separator: ",", omittingEmptySubsequences: false).first ?? ""
        guard let equals = key.firstIndex(of: "="), equals != key.startIndex else {
            throw HostError("-P '\(text)': '\(key)' is not key=value; see `wasmplug run -P help`")
        }
        let synopses = PluginKinds.all.map { $0.synopsis }
        throw HostError("-P '\(text)': unknown option '\(key[..<equals])'; a plugin is "
            + synopses.dropLast().joined(separator: ", ") + " or \(synopses.last!); see `wasmplug run -P help`")
    }

    /// The specifications of one kind, in order.
    public func specifications<Specification: PluginSpecification>(of type: Specification.Type) -> [Specification] {
        specifications.compactMap { $0 as? Specification }
    }
}
