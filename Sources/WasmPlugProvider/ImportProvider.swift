import WasmPlugEngine

/// Something that serves a component's imports: a native plugin in process or in a child
/// process, a plugin component, an RPC plugin, wasi:dl. ``ImportResolution`` picks one for
/// each import; linking then asks only that one.
///
/// A provider is created from its ``PluginSpecification`` before any store exists and may
/// serve many stores, each attached once before its imports are defined.
public protocol ImportProvider: AnyObject {
    /// How `inspect` and errors name it: `native plugin kv (./libkv.so)`.
    var description: String { get }

    /// The name `-P prefer=INTERFACE=NAME` picks it by: a native plugin's declared name, a
    /// plugin component's, an RPC plugin's URL; nil when it has none.
    var name: String? { get }

    /// Whether it serves the import `name` (an interface, with or without a version).
    func serves(_ name: String) -> Bool

    /// Readies it for `store`: per-store plugin state, a running child process. Called once
    /// per store, before ``define(_:in:store:importer:)``.
    func attach(to store: Store) throws

    /// Defines `item`, an import of `importer` ("the guest", "plugin component x.wasm") that
    /// it serves, in `linker`, for calls from `store`.
    func define(_ item: NamedItem, in linker: Linker, store: Store, importer: String) throws

    /// Throws when the plugin was told to serve something `imports` does not hold: the
    /// option naming it is a mistake.
    func requireUsed(by imports: [NamedItem]) throws(HostError)
}

extension ImportProvider {
    public var name: String? { nil }
    public func attach(to store: Store) throws {}
    public func requireUsed(by imports: [NamedItem]) throws(HostError) {}
}

/// A provider that is itself a component with imports (a plugin component): in each store it
/// is instantiated, with its imports linked, before it serves.
public protocol ImportingProvider: ImportProvider {
    /// The component file, which errors name (`-P component=PATH`).
    var path: String { get }
    /// What it imports.
    var imports: [NamedItem] { get }
    /// Providers only its own imports may use (a trusted plugin component's wasi:dl).
    var privateProviders: [any ImportProvider] { get }
    /// Throws when it imports something it may not have, whoever would provide it.
    func checkImports() throws(HostError)
    /// Instantiates it in `store` with `linker`, which defines all its imports.
    func instantiate(with linker: Linker, in store: Store) throws(HostError)
}
