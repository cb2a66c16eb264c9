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

    let resources: ForwardedResources

    /// `value` with every resource handle replaced by its wire bytes, as a `list<u8>`.
    func lower(_ value: Value, _ type: ValueType, _ caller: Caller) throws(WasmtimeError) -> Value {
        try resources.lower(value, type, caller) { object, _ in .list((object as! RemoteHandle).bytes.map(Value.u8)) }
    }

    /// `value` decoded from the wire, with every `list<u8>` in a resource's place turned into a
    /// new handle of this store.
    func lift(_ value: Value, _ type: ValueType, _ caller: Caller) throws(WasmtimeError) -> Value {
        try resources.lift(value, type, caller) { bytes throws(WasmtimeError) in
            guard case .list(let elements) = bytes else { throw WasmtimeError(.trap, "\(resources.owner) returned a malformed handle") }
            guard elements.count <= Self.maxHandleSize else {
                throw WasmtimeError(.trap, "\(resources.owner) returned a \(elements.count)-byte resource handle (at most \(Self.maxHandleSize))")
            }
            return RemoteHandle(elements.map { if case .u8(let byte) = $0 { byte } else { 0 } })
        }
    }
}

extension ValueType {
    /// This type as it travels over wRPC: every resource handle becomes `list<u8>`.
    var onTheWire: ValueType { mappingHandleTypes { _ in .list(.u8) } }
}
