import WasmPlugComponentPlugins
import WasmPlugIsolation
import WasmPlugNative
import WasmPlugProvider
import WasmPlugRPC

/// The kinds of plugin `-P` can name, each offered every text in this order. Adding a kind of
/// plugin is its module and one line here.
public enum PluginKinds {
    public static let all: [any PluginKind.Type] = [
        NativePluginKind.self, IsolatedPluginKind.self, ComponentPluginKind.self, RPCPluginKind.self,
    ]

    /// What `-P help` prints: every kind's options.
    public static var help: String {
        """
            Plugin options (-P), repeatable; each -P adds one plugin:

            \(all.map { $0.help }.joined(separator: "\n\n"))

            An import offered by two providers (two plugins, or a plugin and WASI) is an error.
            `wasmplug inspect -P ... app.wasm` shows which provider serves each import.
            """
    }
}

/// Every plugin the `-P` options of one command name, parsed once into typed specifications.
public struct PluginOptions: Sendable {
    public var specifications: [any PluginSpecification] = []

    /// No plugins.
    public init() {}

    /// Parses the `-P` texts in order, each by the first kind that takes it.
    public init(parsing texts: [String]) throws(HostError) {
        var parsers: [any PluginKind] = PluginKinds.all.map { $0.init() }
        for text in texts {
            var taken = false
            for index in parsers.indices where !taken { taken = try parsers[index].take(text) }
            guard !taken else { continue }
            let key = text.split(separator: ",", omittingEmptySubsequences: false).first ?? ""
            guard let equals = key.firstIndex(of: "="), equals != key.startIndex else {
                throw HostError("-P '\(text)': '\(key)' is not key=value; see `wasmplug run -P help`")
            }
            let synopses = PluginKinds.all.map { $0.synopsis }
            throw HostError("-P '\(text)': unknown option '\(key[..<equals])'; a plugin is "
                + synopses.dropLast().joined(separator: ", ") + " or \(synopses.last!); see `wasmplug run -P help`")
        }
        for parser in parsers { specifications += try parser.specifications() }
    }

    /// The specifications of one kind, in order.
    public func specifications<Specification: PluginSpecification>(of type: Specification.Type) -> [Specification] {
        specifications.compactMap { $0 as? Specification }
    }
}
