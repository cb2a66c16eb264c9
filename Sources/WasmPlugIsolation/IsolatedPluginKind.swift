import WasmPlugEngine
import WasmPlugNative
import WasmPlugProvider
import WasmPlugSandbox

/// `isolate=process`: how a native plugin runs in a child process (`wasmplug plugin serve`),
/// reached over wRPC on a Unix socket. With it, `timeout=` (per call, default 30s) and
/// `max-restarts=` (default 3) are WasmPlug's keys, not the plugin's. `isolate=sandbox` also
/// confines the child by the kernel, and takes the sandbox's keys (`SandboxPolicy`).
public struct Isolation: Sendable, Equatable {
    public var timeout: Double = 30
    public var maxRestarts = 3
    /// With `isolate=sandbox`: what the confined child may reach.
    public var sandbox: SandboxPolicy?

    /// The keys that belong to the isolation, not to the plugin.
    static let keys = [NativePluginKind.isolationKey, "timeout", "max-restarts"]

    /// Takes the isolation keys out of `configuration`; `nil` when `isolate=` is absent.
    public init?(taking configuration: inout [NativePluginSpecification.Configuration], from text: String) throws(HostError) {
        guard let isolate = configuration.first(where: { $0.key == NativePluginKind.isolationKey }) else { return nil }
        guard isolate.value == "process" || isolate.value == "sandbox" else {
            throw HostError("-P \(text): isolate=\(isolate.value) is not a kind of isolation; write isolate=process or isolate=sandbox")
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
        if isolate.value == "sandbox" {
            var entries = configuration.map { (key: $0.key, value: $0.value) }
            sandbox = try SandboxPolicy(taking: &entries, option: text)
            configuration = entries.map { .init(key: $0.key, value: $0.value) }
        }
    }

    /// The argument of the child's `wasmplug plugin serve`: the plugin, its configuration and
    /// the sandbox's keys.
    func serveArgument(_ plugin: NativePluginSpecification) -> String {
        let sandboxKeys = sandbox.map { [(key: NativePluginKind.isolationKey, value: "sandbox")] + $0.configuration } ?? []
        return String(plugin.text.dropFirst("plugin=".count)) + sandboxKeys.map { ",\($0.key)=\($0.value)" }.joined()
    }
}

/// A native plugin to run in a child process: `-P plugin=PATH,...,isolate=process|sandbox`.
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

/// `-P plugin=PATH,...,isolate=process` or `isolate=sandbox`: native plugins in child
/// processes, confined by the kernel with `sandbox`. (The native kind
/// leaves every `plugin=` text with `isolate=` to this one.)
public struct IsolatedPluginKind: PluginKind {
    public static let synopsis = "-P plugin=PATH,isolate=process|sandbox"
    public static let help = """
          -P plugin=PATH,isolate=process[,timeout=DURATION][,max-restarts=N][,KEY=VALUE...]
              The same library in a child process instead (`wasmplug plugin serve` on a Unix
              socket): a crash, abort or hang traps the call, not the host, and the child is
              started again for the next store. timeout= (per call, default 30s) and
              max-restarts= (default 3) are WasmPlug's keys; the others go to the plugin:
                wasmplug run -P plugin=./libkv.so,path=data.db,isolate=process,timeout=5s app.wasm
          -P plugin=PATH,isolate=sandbox[,allow-read=PATH][,allow-write=PATH][,net=none|host]
                [,connect=PORT][,memory=SIZE][,cpu=DURATION][,files=N][,processes=N]
                [,without=FEATURE][,...]
              The child confined by the kernel before it loads the library (Linux): its own
              network namespace, with no network (net=host: the host's; connect=PORT,
              repeatable: TCP connections to those ports only, and no UDP); Landlock, so it
              reads only the library, the directories libraries load from and allow-read=
              paths, and writes only allow-write= paths (both repeatable); a seccomp filter
              refusing execve, ptrace, mounts, kernel modules, BPF, namespaces, raw, packet
              and Unix sockets (docs/security-model.md lists it); no_new_privs; and limits:
              memory=1GiB, cpu=600s (over the child's life), files=256, processes=64
              (its threads count), each `unlimited` to lift it. A kernel lacking a feature
              refuses the run unless without=landlock, seccomp or user-namespace (joined
              with +) accepts running without it:
                wasmplug run -P plugin=./libkv.so,path=data/kv.db,isolate=sandbox,allow-write=data app.wasm
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
