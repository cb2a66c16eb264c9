import CWasmtime

/// A host function: receives the caller (its store's data and resources) and the
/// arguments, already lifted and validated by the engine. Throwing traps the guest with the
/// error's description.
public typealias HostFunction = (Caller, [Value]) throws -> Value?

/// A host function that works on the engine's own values: `arguments` are lifted and
/// validated by Wasmtime and borrowed for the call; on success the function must leave a
/// valid value in `result` (when the function has one), allocated with the library's allocators.
package typealias RawHostFunction = (
    Caller, UnsafeMutableBufferPointer<wasmtime_component_val_t>, UnsafeMutablePointer<wasmtime_component_val_t>?
) throws -> Void

/// Resolves a component's imports: WASI 0.2, host functions and host resources.
public final class Linker {
    public let engine: Engine
    let raw: OpaquePointer
    /// Whether WASI 0.2 is linked.
    public private(set) var includesWASI = false
    /// Whether wasi:http's client is linked.
    public private(set) var includesWASIHTTP = false
    /// Names of the instances (interfaces) and root functions the host defined.
    public private(set) var definedNames: Set<String> = []

    public init(engine: Engine) {
        self.engine = engine
        raw = wasmtime_component_linker_new(engine.raw)
    }

    deinit {
        wasmtime_component_linker_delete(raw)
    }

    /// Links Wasmtime's WASI 0.2 (cli, io, clocks, random, filesystem, sockets).
    public func addWASI() throws(WasmtimeError) {
        guard !includesWASI else { return }
        try WasmtimeError.check(wasmtime_component_linker_add_wasip2(raw), context: "linking WASI 0.2")
        includesWASI = true
    }

    /// Links Wasmtime's wasi:http client (`wasi:http/types`, `wasi:http/outgoing-handler`), and
    /// WASI 0.2 under it. A guest's outgoing requests go to any host the machine can reach.
    public func addWASIHTTP() throws(WasmtimeError) {
        guard !includesWASIHTTP else { return }
        try addWASI()
        try WasmtimeError.check(wasmtime_component_linker_add_wasi_http(raw), context: "linking wasi:http")
        includesWASIHTTP = true
    }

    /// Defines items in the instance `name` (an interface such as `wasi:keyvalue/store@0.2.0-draft`),
    /// or at the root when `name` is nil. Define everything an instance holds in one call.
    public func define(instance name: String?, _ build: (LinkerInstance) throws -> Void) throws {
        if let name, definedNames.contains(name) {
            throw WasmtimeError(.misuse, "instance '\(name)' is already defined; define all its items in one call")
        }
        let root = wasmtime_component_linker_root(raw)!
        defer { wasmtime_component_linker_instance_delete(root) }
        guard let name else {
            let instance = LinkerInstance(raw: root, path: nil)
            try build(instance)
            definedNames.formUnion(instance.names)
            return
        }
        var nested: OpaquePointer?
        try WasmtimeError.check(
            wasmtime_component_linker_instance_add_instance(root, name, name.utf8.count, &nested),
            context: "defining instance '\(name)'")
        defer { wasmtime_component_linker_instance_delete(nested) }
        try build(LinkerInstance(raw: nested!, path: name))
        definedNames.insert(name)
    }

    /// Instantiates `component` in `store`, after checking that all three share one engine.
    public func instantiate(_ component: Component, in store: Store) throws(WasmtimeError) -> Instance {
        guard component.engine === engine, store.engine === engine else {
            throw WasmtimeError(.misuse, "the linker, the component and the store must come from the same engine",
                                context: "instantiating")
        }
        // WASI imports without a WASI context abort the process inside Wasmtime:
        // give such a store the empty context instead.
        if includesWASI && !store.state.hasWASI { try store.setWASI(WASIConfiguration()) }
        if includesWASIHTTP && !store.state.hasWASIHTTP { store.setWASIHTTP() }
        var instance = wasmtime_component_instance_t()
        try WasmtimeError.check(
            wasmtime_component_linker_instantiate(raw, store.context, component.raw, &instance),
            context: "instantiating the component")
        return Instance(store: store, raw: instance)
    }
}

/// One instance being defined in a ``Linker``; valid only inside `Linker.define`.
public final class LinkerInstance {
    let raw: OpaquePointer
    let path: String?
    private(set) var names: [String] = []

    init(raw: OpaquePointer, path: String?) {
        self.raw = raw
        self.path = path
    }

    private func where_(_ name: String) -> String { path.map { "\($0)#\(name)" } ?? name }

    /// Defines the function `name` (for resources: `[constructor]r`, `[method]r.m`, `[static]r.f`).
    public func function(_ name: String, _ body: @escaping HostFunction) throws(WasmtimeError) {
        let box = Unmanaged.passRetained(HostFunctionBox(body)).toOpaque()
        let error = wasmtime_component_linker_instance_add_func(raw, name, name.utf8.count, hostFunctionTrampoline, box) {
            Unmanaged<HostFunctionBox>.fromOpaque($0!).release()
        }
        try WasmtimeError.check(error, context: "defining function '\(where_(name))'")
        names.append(name)
    }

    /// Defines a function backed directly by a C callback, skipping Swift values entirely.
    /// For measuring the C API's own floor; the callback must uphold the C API's rules itself.
    package func rawFunction(_ name: String, _ callback: wasmtime_component_func_callback_t) throws(WasmtimeError) {
        try WasmtimeError.check(
            wasmtime_component_linker_instance_add_func(raw, name, name.utf8.count, callback, nil, nil),
            context: "defining function '\(where_(name))'")
        names.append(name)
    }

    /// Defines a function over the engine's own values, for hosts that marshal them
    /// themselves (native plugins) without going through ``Value``.
    package func rawFunction(_ name: String, _ body: @escaping RawHostFunction) throws(WasmtimeError) {
        let box = Unmanaged.passRetained(RawHostFunctionBox(body)).toOpaque()
        let error = wasmtime_component_linker_instance_add_func(raw, name, name.utf8.count, rawHostFunctionTrampoline, box) {
            Unmanaged<RawHostFunctionBox>.fromOpaque($0!).release()
        }
        try WasmtimeError.check(error, context: "defining function '\(where_(name))'")
        names.append(name)
    }

    /// Defines a host resource type; its `onDrop` receives the Swift object when the guest
    /// drops an owned handle or the store goes away.
    public func resource(_ type: HostResourceType) throws(WasmtimeError) {
        let rawType = type.makeRawType()
        defer { wasmtime_component_resource_type_delete(rawType) }
        let box = Unmanaged.passRetained(type).toOpaque()
        let error = wasmtime_component_linker_instance_add_resource(
            raw, type.name, type.name.utf8.count, rawType, resourceDestructorTrampoline, box
        ) { Unmanaged<HostResourceType>.fromOpaque($0!).release() }
        try WasmtimeError.check(error, context: "defining resource '\(where_(type.name))'")
        names.append(type.name)
    }
}

/// What a host function sees of the store that called it.
public struct Caller {
    package let context: OpaquePointer
    package let state: StoreState

    /// The data the store was created with.
    public var data: AnyObject? { state.data }

    /// A new owned handle to a host resource whose representation is `object`.
    public func makeResource(_ object: AnyObject, of type: HostResourceType) throws(WasmtimeError) -> Value {
        let rep = state.resources.insert(object, type: type)
        let host = wasmtime_component_resource_host_new(true, rep, type.id)!
        defer { wasmtime_component_resource_host_delete(host) }
        var any: OpaquePointer?
        try WasmtimeError.check(wasmtime_component_resource_host_to_any(context, host, &any), context: "creating a \(type.name)")
        return .resource(Resource(owning: any!, store: state))
    }

    /// The object behind a handle the guest passed in; throws for a handle of another type,
    /// of another store, or already dropped.
    public func object(of value: Value, as type: HostResourceType) throws(WasmtimeError) -> AnyObject {
        guard case .resource(let resource) = value, resource.storeID == ObjectIdentifier(state) else {
            throw WasmtimeError(.trap, "expected a \(type.name) handle of this store")
        }
        var host: OpaquePointer?
        try WasmtimeError.check(
            wasmtime_component_resource_any_to_host(context, resource.raw, &host), context: "reading a \(type.name) handle")
        defer { wasmtime_component_resource_host_delete(host) }
        let rep = wasmtime_component_resource_host_rep(host)
        guard wasmtime_component_resource_host_type(host) == type.id,
              let object = state.resources.get(rep, type: type.id)
        else { throw WasmtimeError(.trap, "unknown or dropped \(type.name) handle \(rep)") }
        return object
    }
}

private final class HostFunctionBox {
    let body: HostFunction
    init(_ body: @escaping HostFunction) { self.body = body }
}

private final class RawHostFunctionBox {
    let body: RawHostFunction
    init(_ body: @escaping RawHostFunction) { self.body = body }
}

private let rawHostFunctionTrampoline: wasmtime_component_func_callback_t = { data, context, _, args, argCount, results, resultCount in
    // Borrowed without retaining: the linker holds the box and the store holds its state.
    Unmanaged<RawHostFunctionBox>.fromOpaque(data!)._withUnsafeGuaranteedRef { function in
        Unmanaged<StoreState>.fromOpaque(wasmtime_context_get_data(context!)!)._withUnsafeGuaranteedRef { state in
            do {
                try function.body(Caller(context: context!, state: state), UnsafeMutableBufferPointer(start: args, count: argCount),
                                  resultCount > 0 ? results : nil)
                return nil
            } catch {
                return wasmtime_error_new(String(describing: error))
            }
        }
    }
}

private let hostFunctionTrampoline: wasmtime_component_func_callback_t = { data, context, _, args, argCount, results, resultCount in
    // Both objects outlive the call (the linker holds the box, the store holds its state), so
    // they are borrowed without retaining them.
    Unmanaged<HostFunctionBox>.fromOpaque(data!)._withUnsafeGuaranteedRef { function in
        Unmanaged<StoreState>.fromOpaque(wasmtime_context_get_data(context!)!)._withUnsafeGuaranteedRef { state in
            callHostFunction(function, state, context!, args!, argCount, results, resultCount)
        }
    }
}

private func callHostFunction(
    _ function: HostFunctionBox, _ state: StoreState, _ context: OpaquePointer, _ args: UnsafeMutablePointer<CValue>,
    _ argCount: Int, _ results: UnsafeMutablePointer<CValue>?, _ resultCount: Int
) -> OpaquePointer? {
    // Reuse the store's argument array: taken out for the call, so a nested call from the
    // same store gets its own, and a closure that keeps the array keeps a copy (copy-on-write).
    var arguments = state.takeArgumentBuffer()
    for index in 0..<argCount { arguments.append(Value(reading: args + index, store: state)) }
    defer { state.returnArgumentBuffer(&arguments) }
    do {
        let result = try function.body(Caller(context: context, state: state), arguments)
        switch (result, resultCount) {
        case (nil, 0):
            return nil
        case (let result?, 1):
            try result.checkWritable(to: state)
            result.write(into: results!)
            return nil
        default:
            return wasmtime_error_new("host function returned \(result == nil ? "no value" : "a value") but \(resultCount) were expected")
        }
    } catch {
        return wasmtime_error_new(String(describing: error))
    }
}

private let resourceDestructorTrampoline: wasmtime_component_resource_destructor_t = { data, context, rep in
    let type = Unmanaged<HostResourceType>.fromOpaque(data!).takeUnretainedValue()
    StoreState.from(context: context!).resources.drop(rep, type: type.id)
    return nil
}
