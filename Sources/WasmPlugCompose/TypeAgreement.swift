import WasmPlugEngine

extension Composer {
    /// Checks with Wasmtime that every input is a valid component and that each plugin export
    /// has the functions, with the same types, that its importers import.
    func checkTypes() throws(ComposeError) {
        let engine = Engine()
        var types: [String: ComponentType] = [:]
        for input in [guest] + plugins {
            do {
                types[input.path] = try Component(engine: engine, bytes: input.bytes).type
            } catch {
                throw ComposeError("\(input.path) is not a valid component: \(error)")
            }
        }
        for importer in [guest] + plugins {
            for (name, pluginPath) in satisfied(importer) {
                guard let wanted = types[importer.path]?.imports.first(where: { $0.name == name }),
                      let offered = types[pluginPath]?.exports.first(where: { $0.name == name }) else { continue }
                try agree(wanted, offered, importer: importer.path, plugin: pluginPath)
            }
        }
    }

    private func agree(_ wanted: NamedItem, _ offered: NamedItem, importer: String, plugin: String) throws(ComposeError) {
        let advice = "build both against the same WIT"
        if case .function(let want) = wanted.item, case .function(let offer) = offered.item {
            guard offer.matches(want) else {
                throw ComposeError("\(plugin) exports \(offered.name) as \(offer), but \(importer) imports it as \(want): \(advice)")
            }
            return
        }
        for member in wanted.item.instanceItems {
            guard let exported = offered.item.instanceItems.first(where: { $0.name == member.name }) else {
                throw ComposeError("\(plugin) exports \(offered.name) without \(member.name), which \(importer) imports: \(advice)")
            }
            if case .function(let want) = member.item, case .function(let offer) = exported.item, !offer.matches(want) {
                throw ComposeError("\(plugin) exports \(offered.name) \(member.name) as \(offer), but \(importer) imports it as \(want): \(advice)")
            }
        }
    }
}
