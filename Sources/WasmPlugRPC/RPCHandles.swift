import WasmPlugEngine

/// A resource that lives in an RPC plugin: the guest holds a handle to this object, which keeps
/// the plugin's opaque handle bytes (wRPC sends resources as `list<u8>`).
final class RemoteHandle {
    let bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }
}

/// Converts between the guest's resource handles and the opaque bytes that travel on the wire.
struct RPCHandles {
    /// The longest handle a plugin may hand out.
    static let maxHandleSize = 4096

    let types: [String: HostResourceType]
    let target: String

    private func hostType(_ type: ResourceType) throws(WasmtimeError) -> HostResourceType {
        if let name = type.name, let hostType = types[name] { return hostType }
        if type.name == nil, types.count == 1 { return types.values.first! }
        throw WasmtimeError(.trap, "\(target) serves no resource \(type.name ?? "(unnamed)")")
    }

    /// `value` with every resource handle replaced by its wire bytes, as a `list<u8>`.
    func lower(_ value: Value, _ type: ValueType, _ caller: Caller) throws(WasmtimeError) -> Value {
        try value.mappingHandles(as: type) { handle, handleType throws(WasmtimeError) in
            switch handleType {
            case .own(let resource), .borrow(let resource): try bytes(of: handle, resource, caller)
            default: handle
            }
        }
    }

    private func bytes(of handle: Value, _ resource: ResourceType, _ caller: Caller) throws(WasmtimeError) -> Value {
        let remote = try caller.object(of: handle, as: try hostType(resource)) as! RemoteHandle
        return .list(remote.bytes.map(Value.u8))
    }

    /// `value` decoded from the wire, with every `list<u8>` in a resource's place turned into a
    /// new handle of this store.
    func lift(_ value: Value, _ type: ValueType, _ caller: Caller) throws(WasmtimeError) -> Value {
        try value.mappingHandles(as: type) { bytes, handleType throws(WasmtimeError) in
            guard case .own(let resource) = handleType, case .list(let elements) = bytes else {
                throw WasmtimeError(.trap, "\(target) returned a borrowed handle, which cannot cross a call")
            }
            guard elements.count <= Self.maxHandleSize else {
                throw WasmtimeError(.trap, "\(target) returned a \(elements.count)-byte resource handle (at most \(Self.maxHandleSize))")
            }
            let handle = RemoteHandle(elements.map { if case .u8(let byte) = $0 { byte } else { 0 } })
            return try caller.makeResource(handle, of: try hostType(resource))
        }
    }
}

extension ValueType {
    /// This type as it travels over wRPC: every resource handle becomes `list<u8>`.
    var onTheWire: ValueType { mappingHandleTypes { _ in .list(.u8) } }
}
