import WasmPlugCache
import WasmPlugEngine
import WasmPlugProvider

/// The plugins of one run, each made into its provider once: native libraries opened, RPC
/// targets checked, plugin components compiled, isolated children started. Nothing is
/// instantiated or called until ``define(_:in:store:)``.
public struct PluginProviders {
    public let providers: [any ImportProvider]
    /// Which provider serves an interface several offer (`-P prefer=`).
    public let preferences: [ProviderPreference]

    /// Makes a provider of every plugin `options` names; plugin components are compiled with
    /// `engine` (the guest's, so they can share its store) through `cache`. With `outlines`,
    /// for `inspect`, the providers only tell what they serve: no process is started.
    public init(_ options: PluginOptions, engine: Engine, cache: ComponentCache? = nil, outlines: Bool = false) throws(HostError) {
        let context = ProviderContext(engine: engine) { path throws(HostError) in
            try GuestLoader.load(path, engine: engine, cache: cache).0
        }
        preferences = options.preferences
        providers = try options.specifications.map { specification throws(HostError) in
            try outlines ? specification.makeOutline(context) : specification.makeProvider(context)
        }
    }

    /// Which provider serves each of `imports` (the guest's): WASI, wasi:http's client when
    /// `http` grants it, these plugins, and `extra` (the guest's own wasi:dl when the user
    /// trusts it).
    public func resolve(_ imports: [NamedItem], http: Bool = false, adding extra: [any ImportProvider] = []) -> ImportResolution {
        ImportResolution(imports: imports, wasi: true, http: http, plugins: providers + extra, preferences: preferences)
    }

    /// Throws when a plugin was told to serve something `imports` does not hold.
    public func requireUsed(by imports: [NamedItem]) throws(HostError) {
        for provider in providers { try provider.requireUsed(by: imports) }
    }

    /// Attaches every plugin to `store` (give it its WASI context first), instantiates the
    /// plugin components in it, each after those serving its imports, then defines the
    /// guest's imports in `linker` as `resolution` decided.
    public func define(_ resolution: ImportResolution, in linker: Linker, store: Store) throws {
        for provider in providers { try provider.attach(to: store) }
        try instantiateImporting(in: store)
        try resolution.define(in: linker, store: store, importer: "the guest")
    }

    /// Resolves `imports`, requires every one provided, and defines them (see ``define(_:in:store:)``).
    public func define(_ imports: [NamedItem], in linker: Linker, store: Store) throws {
        let resolution = resolve(imports)
        try resolution.requireComplete()
        try define(resolution, in: linker, store: store)
    }

    /// Instantiates every plugin component in `store`, each after the plugin components that
    /// serve its imports. Its imports come from WASI, the other plugins and its private
    /// providers (a trusted component's wasi:dl); throws naming the component for one nothing
    /// provides, and for a cycle.
    private func instantiateImporting(in store: Store) throws {
        let importing = providers.compactMap { $0 as? any ImportingProvider }
        let resolutions = try importing.map { plugin throws(HostError) in try resolution(for: plugin) }
        for index in try instantiationOrder(importing, resolutions) {
            let plugin = importing[index]
            let linker = Linker(engine: store.engine)
            try linker.addWASI()
            try resolutions[index].define(in: linker, store: store, importer: "plugin component \(plugin.path)")
            try plugin.instantiate(with: linker, in: store)
        }
    }

    /// Which provider serves each import of `plugin`; throws unless every import has exactly one.
    private func resolution(for plugin: any ImportingProvider) throws(HostError) -> ImportResolution {
        try plugin.checkImports()
        let others = providers.filter { $0 !== plugin }
        let resolution = ImportResolution(imports: plugin.imports, wasi: true, plugins: others + plugin.privateProviders,
                                          preferences: preferences)
        do {
            try resolution.requireComplete()
        } catch {
            throw HostError("-P component=\(plugin.path): \(error.description)")
        }
        return resolution
    }

    /// Indices of `plugins` such that each comes after those serving its imports.
    private func instantiationOrder(_ plugins: [any ImportingProvider], _ resolutions: [ImportResolution]) throws(HostError) -> [Int] {
        let dependencies = resolutions.map { resolution in
            resolution.plugins.compactMap { provider in plugins.firstIndex { $0 === provider } }
        }
        var order: [Int] = [], visiting: [Int] = []
        func visit(_ index: Int) throws(HostError) {
            guard !order.contains(index) else { return }
            if let start = visiting.firstIndex(of: index) {
                let cycle = (visiting[start...] + [index]).map { plugins[$0].path }.joined(separator: " → ")
                throw HostError("plugin components import from each other in a cycle (\(cycle)): "
                    + "a plugin component cannot serve one that serves it")
            }
            visiting.append(index)
            for dependency in dependencies[index] { try visit(dependency) }
            visiting.removeLast()
            order.append(index)
        }
        for index in plugins.indices { try visit(index) }
        return order
    }
}
