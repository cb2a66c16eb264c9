import WasmPlugEngine
import WasmPlugWIT

/// A native plugin called with values outside any guest, to serve it to other processes
/// (`wasmplug plugin serve`). The plugin gets one state, in one store of its own; calls take
/// turns on it.
///
/// Resource handles cross as opaque bytes: a handle the plugin returns becomes 16 random bytes
/// that name it in later calls, until `[resource-drop]R` drops it.
public final class NativePluginHost: @unchecked Sendable {
    // Safe to share: every use of `store`, `handles` and the plugin goes through `lock`.

    public let plugin: NativePlugin
    /// Every function the plugin exports, and a `[resource-drop]R` for each of its resources.
    public private(set) var functions: [WireFunction] = []
    private let store: Store
    private let lock = Mutex()
    private var bindings: [String: (call: RawHostFunction, type: FunctionType)] = [:]
    private var handles: [[UInt8]: HeldHostResource] = [:]

    public init(plugin: NativePlugin) throws {
        self.plugin = plugin
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
            if function.hasPrefix("[resource-drop]"), let handle = arguments.first {
                guard let held = handles.removeValue(forKey: Self.bytes(handle)) else { throw unknownHandle(function) }
                store.drop(held)
                return []
            }
            guard let binding = bindings["\(interface)#\(function)"] else {
                throw PluginError(plugin.library.path, "does not implement \(interface)#\(function)")
            }
            var lifted: [Value] = []
            for (argument, parameter) in zip(arguments, binding.type.parameters) {
                lifted.append(try argument.mappingHandles(as: parameter.type) { bytes, _ in
                    guard let held = handles[Self.bytes(bytes)] else { throw unknownHandle(function) }
                    return try store.borrow(held)
                })
            }
            guard let result = try store.callHostFunction(binding.call, arguments: lifted, hasResult: binding.type.result != nil),
                  let resultType = binding.type.result
            else { return [] }
            return [try result.mappingHandles(as: resultType) { handle, _ in
                guard case .resource(let resource) = handle else { return handle }
                var bytes: [UInt8]
                repeat { bytes = (0..<16).map { _ in UInt8.random(in: 0...255) } } while handles[bytes] != nil
                handles[bytes] = try store.hold(resource)
                return .list(bytes.map(Value.u8))
            }]
        }
    }

    private func unknownHandle(_ function: String) -> PluginError {
        PluginError(plugin.library.path, "\(function): unknown or dropped resource handle")
    }

    private static func bytes(_ value: Value) -> [UInt8] {
        guard case .list(let elements) = value else { return [] }
        return elements.map { if case .u8(let byte) = $0 { byte } else { 0 } }
    }
}
