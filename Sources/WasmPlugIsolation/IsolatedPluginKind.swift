import WasmPlugEngine
import WasmPlugNative
import WasmPlugProvider

/// `isolate=process`: how a native plugin runs in a child process (`wasmplug plugin serve`),
/// reached over wRPC on a Unix socket. With it, `timeout=` (per call, default 30s) and
/// `max-restarts=` (default 3) are WasmPlug's keys, not the plugin's.
public struct Isolation: Sendable, Equatable {
    public var timeout: Double = 30
    public var maxRestarts = 3

    /// The keys that belong to the isolation, not to the plugin.
    static let keys = [NativePluginKind.isolationKey, "timeout", "max-restarts"]

    /// Takes the isolation keys out of `configuration`; `nil` when `isolate=` is absent.
    public init?(taking configuration: inout [NativePluginSpecification.Configuration], from text: String) throws(HostError) {
        guard let isolate = configuration.first(where: { $0.key == NativePluginKind.isolationKey }) else { return nil }
        guard isolate.value == "process" else {
            throw HostError("-P \(text): isolate=\(isolate.value) is not a kind of isolation; write isolate=process")
        }
        for entry in configuration {
            switch entry.key {
            case "timeout": timeout = try parseDuration(entry.value, option: "-P ...,timeout")
            case "max-restarts":
                guard let count = Int(entry.value), count >= 0 else {
                    throw HostError("-P \(text): max-restarts=\(entry.value) is not a count; write e.g. max-restarts=3")
                }
                maxRestarts = count
            default: continue
            }
        }
        configuration.removeAll { Self.keys.contains($0.key) }
    }
}

/// A native plugin to run in a child process: `-P plugin=PATH,...,isolate=process`.
public struct IsolatedPluginSpecification: PluginSpecification, Equatable {
    /// The plugin and its own configuration (the isolation keys taken out).
    public var plugin: NativePluginSpecification
    public var isolation: Isolation

    /// Parses the text after `-P`; `nil` when it has no `isolate=`.
    public init?(parsing text: String) throws(HostError) {
        var plugin = try NativePluginSpecification(parsing: text)
        guard let isolation = try Isolation(taking: &plugin.configuration, from: text) else { return nil }
        self.plugin = plugin
        self.isolation = isolation
    }

    /// Starts the child and learns what it serves.
    public func makeProvider(_ context: ProviderContext) throws(HostError) -> any ImportProvider {
        try IsolatedPlugin(plugin, isolation: isolation)
    }

    /// What the library serves, read from its descriptor in this process; no child is started.
    public func makeOutline(_ context: ProviderContext) throws(HostError) -> any ImportProvider {
        IsolatedPluginOutline(library: try plugin.makeProvider(context), path: plugin.path)
    }
}

/// `-P plugin=PATH,...,isolate=process`: native plugins in child processes. (The native kind
/// leaves every `plugin=` text with `isolate=` to this one.)
public struct IsolatedPluginKind: PluginKind {
    public static let synopsis = "-P plugin=PATH,isolate=process"
    public static let help = """
          -P plugin=PATH,isolate=process[,timeout=DURATION][,max-restarts=N][,KEY=VALUE...]
              The same library in a child process instead (`wasmplug plugin serve` on a Unix
              socket): a crash, abort or hang traps the call, not the host, and the child is
              started again for the next store. timeout= (per call, default 30s) and
              max-restarts= (default 3) are WasmPlug's keys; the others go to the plugin:
                wasmplug run -P plugin=./libkv.so,path=data.db,isolate=process,timeout=5s app.wasm
        """

    private var plugins: [IsolatedPluginSpecification] = []

    public init() {}

    public mutating func take(_ text: String) throws(HostError) -> Bool {
        guard text.hasPrefix("plugin="), let specification = try IsolatedPluginSpecification(parsing: text) else { return false }
        plugins.append(specification)
        return true
    }

    public func specifications() throws(HostError) -> [any PluginSpecification] { plugins }
}

/// An isolated plugin as `inspect` shows it: what its library serves and how it would run,
/// with no child process; it cannot be linked.
final class IsolatedPluginOutline: ImportProvider {
    private let library: any ImportProvider
    private let path: String

    init(library: any ImportProvider, path: String) {
        self.library = library
        self.path = path
    }

    var description: String { IsolatedPlugin.describe(path) }

    func serves(_ name: String) -> Bool { library.serves(name) }

    func define(_ item: NamedItem, in linker: Linker, store: Store, importer: String) throws {
        throw HostError("\(description): only outlined for inspection, not started")
    }
}
