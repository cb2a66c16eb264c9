import WasmPlugDL
import WasmPlugEngine

extension LoadedPlugins {
    /// Throws when the guest imports wasi:dl: only trusted plugin components get it.
    public static func refuseWASIDL(toGuest imports: [NamedItem]) throws(HostError) {
        guard let item = imports.first(where: { DLInterface.serves($0.name) }) else { return }
        throw HostError("the guest imports \(item.name), which only trusted plugin components get: move its native calls "
            + "into a plugin component and pass it with -P component=PATH,trusted,dl-policy=FILE (for a component you composed "
            + "with such a plugin, `wasmplug compose`, add --trust-dl-policy FILE)")
    }

    /// Instantiates every plugin component in `store`, each after the plugin components that
    /// serve its imports. Its imports come from WASI, the other plugins and, for a trusted
    /// component, wasi:dl; throws naming the component for one nothing provides, and for a cycle.
    func instantiateComponents(in store: Store) throws {
        let resolutions = try components.map(resolution)
        for index in try instantiationOrder(resolutions) {
            let plugin = components[index]
            let linker = Linker(engine: store.engine)
            try linker.addWASI()
            try resolutions[index].defineTypesOnlyImports(in: linker)
            try defineServed(plugin.type.imports, in: linker, store: store, importer: "plugin component \(plugin.path)")
            if let dl = plugin.dl {
                for item in plugin.type.imports where DLInterface.serves(item.name) { try dl.define(item, in: linker) }
            }
            try plugin.instantiate(with: linker, in: store)
        }
    }

    /// Which provider serves each import of `plugin`; throws unless every import has exactly one.
    private func resolution(for plugin: ComponentPlugin) throws(HostError) -> ImportResolution {
        if plugin.dl == nil, let item = plugin.type.imports.first(where: { DLInterface.serves($0.name) }) {
            throw HostError("-P component=\(plugin.path): it imports \(item.name), which only a trusted plugin component gets: "
                + "add ,trusted (and ,dl-policy=FILE) if you trust it to run native code")
        }
        let resolution = ImportResolution(imports: plugin.type.imports, wasi: true,
                                          plugins: offers(excluding: plugin) + [plugin.dlOffer].compactMap { $0 })
        do {
            try resolution.requireComplete()
        } catch {
            throw HostError("-P component=\(plugin.path): \(error.description)")
        }
        return resolution
    }

    /// Indices of `components` such that each comes after those serving its imports.
    private func instantiationOrder(_ resolutions: [ImportResolution]) throws(HostError) -> [Int] {
        let dependencies = resolutions.map { resolution in
            resolution.entries.compactMap { entry -> Int? in
                guard case .componentPlugin(let path) = entry.provider else { return nil }
                return components.firstIndex { $0.path == path }
            }
        }
        var order: [Int] = [], visiting: [Int] = []
        func visit(_ index: Int) throws(HostError) {
            guard !order.contains(index) else { return }
            if let start = visiting.firstIndex(of: index) {
                let cycle = (visiting[start...] + [index]).map { components[$0].path }.joined(separator: " → ")
                throw HostError("plugin components import from each other in a cycle (\(cycle)): "
                    + "a plugin component cannot serve one that serves it")
            }
            visiting.append(index)
            for dependency in dependencies[index] { try visit(dependency) }
            visiting.removeLast()
            order.append(index)
        }
        for index in components.indices { try visit(index) }
        return order
    }
}
