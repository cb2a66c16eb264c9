import WasmPlugEngine

/// A kind of plugin the `-P` options name. Each kind declares its own options and their help,
/// and turns the `-P` texts that are its own into typed specifications; the host only keeps
/// the list of kinds.
public protocol PluginKind {
    /// One line for errors: how a plugin of this kind is named (`-P plugin=PATH`).
    static var synopsis: String { get }
    /// What `-P help` prints for this kind: its options, each with an example.
    static var help: String { get }

    /// A parser for one command line's `-P` texts.
    init()
    /// Takes `text` (one `-P` value) when it belongs to this kind; returns false to leave it to another.
    mutating func take(_ text: String) throws(HostError) -> Bool
    /// The plugins the taken texts describe, each checked whole.
    func specifications() throws(HostError) -> [any PluginSpecification]
}

/// One plugin as the command line describes it, parsed once.
public protocol PluginSpecification: Sendable {
    /// Loads, connects to or compiles the plugin, ready to serve: nothing is instantiated or
    /// called yet.
    func makeProvider(_ context: ProviderContext) throws(HostError) -> any ImportProvider

    /// A provider that only tells what the plugin would serve, for `inspect`: it starts no
    /// process and contacts nothing. It cannot be linked.
    func makeOutline(_ context: ProviderContext) throws(HostError) -> any ImportProvider
}

extension PluginSpecification {
    /// For kinds whose providers start nothing when made: the provider itself.
    public func makeOutline(_ context: ProviderContext) throws(HostError) -> any ImportProvider {
        try makeProvider(context)
    }
}

/// What creating a provider may need from the host.
public struct ProviderContext {
    /// The engine guests run on; plugin components are compiled for it, to share their stores.
    public let engine: Engine
    /// Reads and compiles a component file (through the host's cache).
    public let loadComponent: (String) throws(HostError) -> Component

    public init(engine: Engine, loadComponent: @escaping (String) throws(HostError) -> Component) {
        self.engine = engine
        self.loadComponent = loadComponent
    }
}

/// `500ms`, `5s`, `2m`, `1h` or plain seconds; `option` names the flag in the error.
public func parseDuration(_ text: String, option: String) throws(HostError) -> Double {
    let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
    for (suffix, scale) in units where text.hasSuffix(suffix) {
        if let number = Double(text.dropLast(suffix.count)), number > 0 { return number * scale }
    }
    if let seconds = Double(text), seconds > 0 { return seconds }
    throw HostError("\(option) '\(text)': write a positive duration such as 500ms, 5s or 2m")
}

/// `64MiB`, `1GiB`, `512K` or plain bytes; `option` names the flag in the error.
public func parseByteSize(_ text: String, option: String) throws(HostError) -> Int64 {
    let units: [(String, Int64)] = [
        ("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("K", 1 << 10), ("M", 1 << 20), ("G", 1 << 30), ("B", 1),
    ]
    for (suffix, scale) in units where text.hasSuffix(suffix) {
        if let number = Int64(text.dropLast(suffix.count)), number > 0 { return number * scale }
    }
    if let bytes = Int64(text), bytes > 0 { return bytes }
    throw HostError("\(option) '\(text)': write a size such as 64MiB, 1GiB or 1048576")
}
