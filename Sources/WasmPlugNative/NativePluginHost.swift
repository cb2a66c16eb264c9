import WasmPlugEngine
import WasmPlugWIT

/// A native plugin called with values outside any guest, to serve it to other processes
/// (`wasmplug plugin serve`). The plugin gets one state, in one store of its own; calls take
/// turns on it.
///
/// Resource handles cross as opaque bytes (see ``ResourceHandleTable``): a handle the plugin
/// returns becomes 16 random bytes that name it in later calls, until `[resource-drop]R` drops it
/// or the table's rules free it (real wRPC clients never drop).
public final class NativePluginHost: @unchecked Sendable {
    // Safe to share: every use of `store`, `handles` and the plugin goes through `lock`.

    public let plugin: NativePlugin
    /// Every function the plugin exports, and a `[resource-drop]R` for each of its resources.
    public private(set) var functions: [WireFunction] = []
    private let store: Store
    private let lock = Mutex()
    private var bindings: [String: (call: RawHostFunction, type: FunctionType)] = [:]
    private let handles: ResourceHandleTable<HeldHostResource>

    /// `resourceRules` say when handles that callers never drop are freed.
    public init(plugin: NativePlugin, resourceRules: ResourceHandleRules = .standard) throws {
        self.plugin = plugin
        handles = ResourceHandleTable(rules: resourceRules)
        store = Store(engine: Engine())
        try plugin.attach(to: store)
        for export in plugin.library.exports {
            guard case .interface(let interface) = export else {
                throw PluginError(plugin.library.path, "exports the bare function \(export); only interfaces can be served")
            }
            let resources = try plugin.resources(of: interface.name, named: interface.resources)
            for function in interface.functions {
                let key = "\(interface.name)#\(function.name)"
                let type = try function.functionType { name, owned in
                    let engineType = resources.all.first { $0.name == name }!.engineType
                    return owned ? .own(engineType) : .borrow(engineType)
                }
                let wireType = try function.functionType { _, _ in .list(.u8) }
                bindings[key] = (plugin.binding(plugin.library.functions[key]!, named: key, type: type, resources: resources), type)
                functions.append(WireFunction(interface: interface.name, name: function.name, type: wireType))
            }
            for resource in interface.resources {
                functions.append(.resourceDrop(resource, of: interface.name))
            }
        }
    }

    /// Calls `function` of `interface` with wire values; returns the result tuple as wire values.
    public func call(interface: String, function: String, arguments: [Value]) throws -> [Value] {
        try lock.withLock {
            defer { for held in handles.takeFreed() { store.drop(held) } }
            if function.hasPrefix("[resource-drop]"), let handle = arguments.first {
                guard let held = handles.remove(handle) else { throw unknownHandle(function) }
                store.drop(held)
                return []
            }
            guard let binding = bindings["\(interface)#\(function)"] else {
                throw PluginError(plugin.library.path, "does not implement \(interface)#\(function)")
            }
            var lifted: [Value] = []
            for (argument, parameter) in zip(arguments, binding.type.parameters) {
                lifted.append(try handles.resolve(argument, as: parameter.type, unknown: { unknownHandle(function) as any Error }) {
                    held throws in try store.borrow(held)
                })
            }
            guard let result = try store.callHostFunction(binding.call, arguments: lifted, hasResult: binding.type.result != nil),
                  let resultType = binding.type.result
            else { return [] }
            return [try handles.export(result, as: resultType) { resource throws(WasmtimeError) in try store.hold(resource) }]
        }
    }

    private func unknownHandle(_ function: String) -> PluginError {
        PluginError(plugin.library.path, "\(function): \(handles.unknownHandle)")
    }
}
