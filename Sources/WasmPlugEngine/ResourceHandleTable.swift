/// Resources of one store handed to another process as opaque bytes: 16 random bytes per
/// resource, so a peer cannot guess a handle it was not given. `Held` is what the table keeps
/// for each handle: the resource, or the store's hold on it. Not thread-safe: use it under the
/// same lock as its store.
public final class ResourceHandleTable<Held> {
    private var entries: [[UInt8]: Held] = [:]

    public init() {}

    /// `value` (of `type`) with each resource in it replaced by new handle bytes, as `list<u8>`,
    /// that name what `hold` keeps of it.
    public func export<E: Error>(_ value: Value, as type: ValueType,
                                 holding hold: (Resource) throws(E) -> Held) throws(E) -> Value {
        try value.mappingHandles(as: type) { handle, _ throws(E) in
            guard case .resource(let resource) = handle else { return handle }
            var bytes: [UInt8]
            repeat { bytes = (0..<16).map { _ in UInt8.random(in: 0...255) } } while entries[bytes] != nil
            entries[bytes] = try hold(resource)
            return .list(bytes.map(Value.u8))
        }
    }

    /// `value` (of `type`) with each `list<u8>` handle in it replaced by what `use` makes of
    /// the entry it names; throws `unknown()` for bytes that name no entry.
    public func resolve<E: Error>(_ value: Value, as type: ValueType, unknown: () -> E,
                                  _ use: (Held) throws(E) -> Value) throws(E) -> Value {
        try value.mappingHandles(as: type) { bytes, _ throws(E) in
            guard let held = entries[Self.bytes(bytes)] else { throw unknown() }
            return try use(held)
        }
    }

    /// Removes the entry `handle` names, for dropping it; `nil` if it names none (unknown, or
    /// already dropped).
    public func remove(_ handle: Value) -> Held? {
        entries.removeValue(forKey: Self.bytes(handle))
    }

    /// Forgets every handle, without freeing anything: for a store that was thrown away.
    public func removeAll() {
        entries = [:]
    }

    private static func bytes(_ value: Value) -> [UInt8] {
        guard case .list(let elements) = value else { return [] }
        return elements.map { if case .u8(let byte) = $0 { byte } else { 0 } }
    }
}
