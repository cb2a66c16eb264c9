import CWasmtime

extension Store {
    /// Drops a resource the store holds (a guest's or the host's): its destructor runs now.
    /// Throws for a borrowed handle, one of another store, or one already dropped.
    public func drop(_ resource: Resource) throws(WasmtimeError) {
        guard resource.storeID == ObjectIdentifier(state) else {
            throw WasmtimeError(.misuse, "the resource belongs to another store", context: "dropping a resource")
        }
        try WasmtimeError.check(wasmtime_component_resource_any_drop(context, resource.raw), context: "dropping a resource")
    }

    /// Calls a host function defined over the engine's values outside any guest call, as a
    /// guest would: for serving plugins to other processes. `arguments` must already have the
    /// function's parameter types (check them with `Value.check(against:path:)`).
    package func callHostFunction(_ function: RawHostFunction, arguments: [Value], hasResult: Bool) throws -> Value? {
        for argument in arguments { try argument.checkWritable(to: state) }
        let args = CValueBuffer(count: arguments.count)
        for (index, argument) in arguments.enumerated() { argument.write(into: args.pointer + index) }
        let result = CValueBuffer(count: hasResult ? 1 : 0)
        try function(Caller(context: context, state: state), UnsafeMutableBufferPointer(start: args.pointer, count: arguments.count),
                     hasResult ? result.pointer : nil)
        return hasResult ? Value(reading: result.pointer, store: state) : nil
    }
}

extension HostResourceType {
    /// This resource type as the engine's types name it, for building function types of host
    /// functions that take or return its handles.
    public var engineType: ResourceType {
        ResourceType(owning: makeRawType(), name: name)
    }
}

/// A host resource held by the host itself rather than by a guest: its representation in the
/// store's host table, outside Wasmtime's handle table. For serving host-implemented resources
/// to other processes, where each call needs a fresh borrow of it.
package struct HeldHostResource: Hashable, Sendable {
    let rep: UInt32
    let type: UInt32
}

extension Store {
    /// Takes an owned host resource handle out of Wasmtime's table; the host object stays.
    package func hold(_ resource: Resource) throws(WasmtimeError) -> HeldHostResource {
        guard resource.storeID == ObjectIdentifier(state), resource.isOwned else {
            throw WasmtimeError(.misuse, "only an owned handle of this store can be held")
        }
        var host: OpaquePointer?
        try WasmtimeError.check(wasmtime_component_resource_any_to_host(context, resource.raw, &host), context: "holding a resource")
        defer { wasmtime_component_resource_host_delete(host) }
        return HeldHostResource(rep: wasmtime_component_resource_host_rep(host), type: wasmtime_component_resource_host_type(host))
    }

    /// A borrowed handle to a held resource, to pass to one call.
    package func borrow(_ held: HeldHostResource) throws(WasmtimeError) -> Value {
        let host = wasmtime_component_resource_host_new(false, held.rep, held.type)!
        defer { wasmtime_component_resource_host_delete(host) }
        var any: OpaquePointer?
        try WasmtimeError.check(wasmtime_component_resource_host_to_any(context, host, &any), context: "borrowing a held resource")
        return .resource(Resource(owning: any!, store: state))
    }

    /// Drops a held resource: its type's `onDrop` receives the object.
    package func drop(_ held: HeldHostResource) {
        state.resources.drop(held.rep, type: held.type)
    }
}
