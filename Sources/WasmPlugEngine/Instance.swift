import CWasmtime

/// An instantiated component in a store.
public final class Instance {
    public let store: Store
    let raw: wasmtime_component_instance_t

    init(store: Store, raw: wasmtime_component_instance_t) {
        self.store = store
        self.raw = raw
    }

    /// The exported function at `path`: `["add"]` for a root export, or
    /// `["wasmplug:test/echo@0.1.0", "echo-string"]` for a function inside an exported interface.
    public func function(_ path: [String]) -> Func? {
        var index: OpaquePointer?
        for name in path {
            let next = withUnsafePointer(to: raw) { instance in
                name.withCString { wasmtime_component_instance_get_export_index(instance, store.context, index, $0, name.utf8.count) }
            }
            if let index { wasmtime_component_export_index_delete(index) }
            guard let next else { return nil }
            index = next
        }
        guard let index else { return nil }
        defer { wasmtime_component_export_index_delete(index) }
        var function = wasmtime_component_func_t()
        let found = withUnsafePointer(to: raw) { wasmtime_component_instance_get_func($0, store.context, index, &function) }
        return found ? Func(store: store, raw: function) : nil
    }
}

/// A component function bound to its store.
public final class Func {
    public let store: Store
    var raw: wasmtime_component_func_t

    init(store: Store, raw: wasmtime_component_func_t) {
        self.store = store
        self.raw = raw
    }

    /// The function's parameters and result.
    public private(set) lazy var type: FunctionType = {
        let type = wasmtime_component_func_type(&raw, store.context)!
        defer { wasmtime_component_func_type_delete(type) }
        return FunctionType(reading: type)
    }()

    /// Calls the function. Arguments are type-checked by the engine; a trap or a host error
    /// becomes a thrown ``WasmtimeError``.
    @discardableResult
    public func call(_ arguments: [Value] = []) throws(WasmtimeError) -> Value? {
        try unbound.call(arguments, context: store.context, state: store.state)
    }

    /// This function without a reference to its store, to call from a host function of the
    /// same store with the caller's context. A host function that kept the ``Func`` itself
    /// would keep the store alive from inside it, and the store would never be freed.
    public var unbound: UnboundFunc { UnboundFunc(raw: raw, type: type) }
}

/// A component function of some store, called through a ``Caller`` of that store (see
/// ``Func/unbound``).
public struct UnboundFunc: @unchecked Sendable {
    // Safe to share as a value: it is two indices into a store, usable only with that store's context.
    var raw: wasmtime_component_func_t
    public let type: FunctionType

    /// Calls the function from inside a host function of the same store.
    @discardableResult
    public func call(_ arguments: [Value], from caller: Caller) throws(WasmtimeError) -> Value? {
        try call(arguments, context: caller.context, state: caller.state)
    }

    func call(_ arguments: [Value], context: OpaquePointer, state: StoreState) throws(WasmtimeError) -> Value? {
        var raw = self.raw
        let resultCount = type.result == nil ? 0 : 1
        guard arguments.count == type.parameters.count else {
            throw WasmtimeError(.misuse, "expected \(type.parameters.count) arguments, got \(arguments.count)",
                                context: "calling the function")
        }
        for (argument, parameter) in zip(arguments, type.parameters) {
            try argument.check(against: parameter.type, path: parameter.name)
            try argument.checkWritable(to: state)
        }
        let args = CValueBuffer(count: arguments.count)
        for (index, argument) in arguments.enumerated() { argument.write(into: args.pointer + index) }
        let results = CValueBuffer(count: resultCount)
        try WasmtimeError.check(
            wasmtime_component_func_call(&raw, context, args.pointer, arguments.count, results.pointer, resultCount),
            context: "calling the function", kind: .trap)
        let result = resultCount > 0 ? Value(reading: results.pointer, store: state) : nil
        try WasmtimeError.check(wasmtime_component_func_post_return(&raw, context), context: "after the call", kind: .trap)
        return result
    }
}
