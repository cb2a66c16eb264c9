import CWasmPlugPlugin
import Foundation
import CWasmtime
import WasmPlugEngine
import WasmPlugProvider

/// A loaded native plugin with its configuration, ready to serve a guest's imports.
///
/// Per store, the plugin's state is created by ``attach(to:)`` and destroyed with the store,
/// after every resource it made in that store has been dropped.
public final class NativePlugin: ImportProvider {
    public let library: PluginLibrary
    public let configuration: [(key: String, value: String)]

    public init(library: PluginLibrary, configuration: [(key: String, value: String)] = []) {
        self.library = library
        self.configuration = configuration
    }

    /// The interfaces the plugin implements, as named in its function table.
    public var interfaces: Set<String> {
        Set(library.functionNames.compactMap { $0.split(separator: "#", maxSplits: 1).count == 2 ? String($0.split(separator: "#")[0]) : nil })
    }

    /// The plugin's interface that serves the guest's import `name` (same name, or same
    /// name without the version), if any.
    public func interface(serving name: String) -> String? {
        if interfaces.contains(name) { return name }
        let unversioned = InterfaceName(name).unversioned
        return interfaces.first { InterfaceName($0).unversioned == unversioned }
    }

    public var description: String { "native plugin \(library.name) (\(library.path))" }

    public func serves(_ name: String) -> Bool { interface(serving: name) != nil }

    public func define(_ item: NamedItem, in linker: Linker, store: Store, importer: String) throws {
        try define(item, in: linker)
    }

    /// Defines, in `linker`, the guest's import `item` with this plugin's functions and
    /// resources. Every function the guest imports must exist in the plugin.
    public func define(_ item: NamedItem, in linker: Linker) throws {
        guard let interface = interface(serving: item.name) else {
            throw PluginError(library.path, "does not implement \(item.name)")
        }
        let resourceNames = item.item.instanceItems.compactMap { member -> String? in
            if case .resource = member.item { member.name } else { nil }
        }
        let resources = try self.resources(of: interface, named: resourceNames)
        try linker.define(instance: item.name) { instance in
            for type in resources.all { try instance.resource(type) }
            for member in item.item.instanceItems {
                guard case .function(let type) = member.item else { continue }
                let key = "\(interface)#\(member.name)"
                guard let function = library.functions[key], let declared = library.witFunction(key) else {
                    throw PluginError(library.path, "does not implement \(key), which the guest imports")
                }
                guard declared.matches(type) else {
                    throw PluginError(library.path, "\(key) does not match the guest's import: the guest imports "
                        + "\(type), the plugin's WIT declares \(declared)")
                }
                try instance.rawFunction(member.name, binding(function, named: key, type: type, resources: resources))
            }
        }
    }

    /// Host resource types for the plugin's resources `names` of `interface`; dropping a handle
    /// calls the plugin's drop function.
    func resources(of interface: String, named names: [String]) throws -> PluginResources {
        var types: [String: HostResourceType] = [:]
        for name in names {
            let key = "\(interface)#\(name)"
            guard let drop = library.resourceDrops[key] else {
                throw PluginError(library.path, "does not define resource \(key), which the guest imports")
            }
            types[name] = HostResourceType(name: name) { [library] object in
                let representation = object as! PluginResources.Representation
                library.serialized { drop(representation.state, representation.rep) }
            }
        }
        return PluginResources(types: types, plugin: library.name)
    }

    /// Creates the plugin's state for `store`, with this plugin's configuration.
    public func attach(to store: Store) throws {
        let key = ObjectIdentifier(self)
        guard store.state.extensions[key] == nil else { return }
        store.state.extensions[key] = try NativePluginState.create(library: library, configuration: configuration)
    }

    /// The closure that marshals one function's call into the plugin and its result back.
    func binding(
        _ function: wasmplug_function_fn, named name: String, type: FunctionType, resources: PluginResources
    ) -> RawHostFunction {
        let parameterLayout = NativeLayout.record(type.parameters.map { NativeLayout($0.type) })
        guard case .fields(let parameterFields, _, _) = parameterLayout else { preconditionFailure("records have fields") }
        let resultLayout = type.result.map(NativeLayout.init)
        let sizes = (arguments: parameterLayout.size, result: resultLayout?.size ?? 0)
        if let plan = ScalarPlan(type, parameterOffsets: parameterFields.map(\.offset)) {
            return scalarBinding(function, named: name, plan: plan, sizes: sizes)
        }
        let pluginName = library.name
        return { [self] caller, arguments, result in
            try call(function, named: name, caller: caller, sizes: sizes) { call, argumentMemory in
                let encoder = NativeEncoder(call: call, caller: caller, resources: resources)
                for (index, parameter) in type.parameters.enumerated() {
                    try encoder.encode(arguments.baseAddress! + index, parameter.type, parameterFields[index].layout,
                                       into: argumentMemory + parameterFields[index].offset)
                }
            } decode: { state, resultMemory in
                guard let resultType = type.result, let resultLayout, let result else { return }
                let decoder = NativeDecoder(caller: caller, resources: resources, plugin: pluginName, state: state.pointer)
                let value = try decoder.decode(resultType, resultLayout, at: resultMemory)
                try value.checkWritable(to: caller.state)
                value.write(into: result)
            }
        }
    }

    /// The binding of a function of scalars and strings: everything it needs per call was
    /// worked out here, so a call walks no types and copies no type descriptions.
    private func scalarBinding(
        _ function: wasmplug_function_fn, named name: String, plan: ScalarPlan, sizes: (arguments: Int, result: Int)
    ) -> RawHostFunction {
        let pluginName = library.name, resultKind = plan.result
        return { [self] caller, arguments, result in
            try call(function, named: name, caller: caller, sizes: sizes) { _, argumentMemory in
                plan.encode(arguments, into: argumentMemory)
            } decode: { _, resultMemory in
                guard let resultKind, let result else { return }
                if let invalid = plan.decodeResult(resultKind, from: resultMemory, into: result) {
                    throw WasmtimeError(.trap, "plugin \(pluginName) returned an invalid \(invalid)")
                }
            }
        }
    }

    /// One call of `function` with the store's plugin state: `encode` lays the arguments out,
    /// `decode` lowers the result the plugin wrote.
    @inline(__always)
    private func call(
        _ function: wasmplug_function_fn, named name: String, caller: Caller, sizes: (arguments: Int, result: Int),
        encode: (NativeCall, UnsafeMutableRawPointer) throws -> Void,
        decode: (NativePluginState, UnsafeMutableRawPointer) throws -> Void
    ) throws {
        guard let state = caller.state.state(of: ObjectIdentifier(self)) as? NativePluginState else {
            throw WasmtimeError(.misuse, "plugin \(library.name) was not attached to this store")
        }
        let call = state.call
        defer { call.end() }
        let (argumentMemory, resultMemory) = call.begin(argumentSize: sizes.arguments, resultSize: sizes.result)
        try encode(call, argumentMemory)
        let status = library.serialized { function(state.pointer, call.opaque, argumentMemory, resultMemory) }
        guard status == 0 else {
            throw WasmtimeError(.trap, "plugin \(library.name): \(name) failed: \(call.errorMessage ?? "status \(status)")")
        }
        try decode(state, resultMemory)
    }
}

/// A plugin's state in one store; destroying it calls the plugin's `destroy_state`.
final class NativePluginState {
    let library: PluginLibrary
    let pointer: UnsafeMutableRawPointer?
    /// The memory of this store's calls into the plugin.
    let call = NativeCall()

    private init(library: PluginLibrary, pointer: UnsafeMutableRawPointer?) {
        self.library = library
        self.pointer = pointer
    }

    /// Calls the plugin's `create_state` with `configuration`; a state it refuses is never
    /// passed to `destroy_state`.
    static func create(library: PluginLibrary, configuration: [(key: String, value: String)]) throws -> NativePluginState {
        guard let create = library.createState else { return NativePluginState(library: library, pointer: nil) }
        // The entries borrow these copies for the duration of create_state.
        let copies = configuration.map { (key: strdup($0.key)!, value: strdup($0.value)!) }
        defer { copies.forEach { free($0.key); free($0.value) } }
        let entries = copies.map {
            wasmplug_config_entry_t(key: wasmplug_str_t(ptr: $0.key, len: strlen($0.key)),
                                    value: wasmplug_str_t(ptr: $0.value, len: strlen($0.value)))
        }
        var error: UnsafePointer<CChar>?
        let pointer = library.serialized {
            entries.withUnsafeBufferPointer { create(NativeCall.hostTable, $0.baseAddress, $0.count, &error) }
        }
        if pointer == nil, let error {
            throw PluginError(library.path, "refused its configuration: \(String(cString: error))")
        }
        return NativePluginState(library: library, pointer: pointer)
    }

    deinit {
        guard let destroy = library.destroyState else { return }
        library.serialized { destroy(pointer) }
    }
}
