import WasmPlugDL
import WasmPlugEngine

/// Composes a guest component with plugin components into one component (`wasmplug compose`):
/// the plugins' exports satisfy the guest's imports (and each other's), everything else stays
/// an import of the result, and the result exports what the guest exports.
///
/// The result embeds each input whole, declares the imports nothing satisfies (copied from the
/// inputs, renumbered), instantiates the plugins in dependency order, then the guest, and
/// re-exports the guest's exports.
public struct Composer {
    /// An input component: where it came from (for messages) and its bytes.
    public struct Input: Sendable {
        public var path: String
        public var bytes: [UInt8]
        public init(path: String, bytes: [UInt8]) {
            self.path = path
            self.bytes = bytes
        }
    }

    let guest: ComponentBinary
    let plugins: [ComponentBinary]
    /// Which plugin (by position) exports each name.
    let providers: [String: Int]

    public init(guest: Input, plugins: [Input]) throws(ComposeError) {
        self.guest = try ComponentBinary(path: guest.path, bytes: guest.bytes)
        var parsed: [ComponentBinary] = []
        for plugin in plugins { parsed.append(try ComponentBinary(path: plugin.path, bytes: plugin.bytes)) }
        self.plugins = parsed
        let imported = Set(([self.guest] + parsed).flatMap { $0.imports.map(\.name) })
        var providers: [String: Int] = [:]
        for (position, plugin) in parsed.enumerated() {
            for export in plugin.exports where imported.contains(export.name) && (export.sort == .instance || export.sort == .function) {
                if let other = providers[export.name] {
                    throw ComposeError("\(parsed[other].path) and \(plugin.path) both export \(export.name): plug only one of them")
                }
                providers[export.name] = position
            }
        }
        self.providers = providers
        if let dl = self.guest.imports.first(where: { DLInterface.serves($0.name) }), providers[dl.name] == nil {
            throw ComposeError("\(guest.path) imports \(dl.name), which only trusted plugins get: move its native calls into a plugin "
                + "component and pass that with --plug")
        }
        try checkEachPluginIsUsed()
        try checkTypes()
    }

    /// The composed component.
    public func compose() throws(ComposeError) -> [UInt8] {
        var output = ComposedOutput()
        let order = try instantiationOrder()
        for input in [guest] + order.map({ plugins[$0] }) {
            var copy = PrefixCopy(input: input, satisfied: satisfied(input))
            try copy.copy(into: &output)
        }
        var provided: [String: (sort: Sort, index: UInt32)] = [:]
        for position in order {
            let plugin = plugins[position]
            let component = output.embed(plugin)
            let instance = output.instantiate(component, with: arguments(plugin, output, provided))
            for export in plugin.exports where isImported(export.name) {
                provided[export.name] = (export.sort, output.alias(export.name, sort: export.sort, of: instance))
            }
        }
        let component = output.embed(guest)
        let instance = output.instantiate(component, with: arguments(guest, output, provided))
        for export in guest.exports {
            output.export(export.name, sort: export.sort, index: output.alias(export.name, sort: export.sort, of: instance))
        }
        return output.bytes
    }

    /// The imports of `input` that a plugin (not `input` itself) satisfies, with that plugin's path.
    func satisfied(_ input: ComponentBinary) -> [String: String] {
        var result: [String: String] = [:]
        for item in input.imports {
            if let provider = providers[item.name], plugins[provider].path != input.path { result[item.name] = plugins[provider].path }
        }
        return result
    }

    private func arguments(
        _ input: ComponentBinary, _ output: ComposedOutput, _ provided: [String: (sort: Sort, index: UInt32)]
    ) -> [(name: String, sort: Sort, index: UInt32)] {
        input.imports.compactMap { item in
            guard let place = provided[item.name] ?? output.imports[item.name] else { return nil }
            return (item.name, place.sort, place.index)
        }
    }

    private func isImported(_ name: String) -> Bool {
        ([guest] + plugins).contains { $0.imports.contains { $0.name == name } }
    }

    private func checkEachPluginIsUsed() throws(ComposeError) {
        for plugin in plugins where !plugin.exports.contains(where: { isImported($0.name) }) {
            let exports = plugin.exports.map(\.name).joined(separator: ", ")
            throw ComposeError("\(plugin.path) satisfies none of the imports of \(guest.path) or of the other plugins "
                + "(it exports \(exports.isEmpty ? "nothing" : exports)): drop its --plug, or run `wasmplug inspect` on both to compare names")
        }
    }

    /// Plugins after the plugins they import from; a cycle is an error.
    private func instantiationOrder() throws(ComposeError) -> [Int] {
        var order: [Int] = [], state = [Int: Bool]() // false: in progress, true: done
        func visit(_ position: Int, _ path: [String]) throws(ComposeError) {
            if state[position] == true { return }
            let chain = path + [plugins[position].path]
            if state[position] == false {
                throw ComposeError("plugins import from each other in a cycle (\(chain.joined(separator: " → "))): break the cycle")
            }
            state[position] = false
            for item in plugins[position].imports {
                if let provider = providers[item.name], provider != position { try visit(provider, chain) }
            }
            state[position] = true
            order.append(position)
        }
        for position in plugins.indices { try visit(position, []) }
        return order
    }
}
