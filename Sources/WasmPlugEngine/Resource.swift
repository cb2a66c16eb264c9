import CWasmtime

/// The type of a resource: host-defined or defined by a guest component.
public final class ResourceType: Equatable, Hashable, @unchecked Sendable {
    // Safe to share: Wasmtime's resource types are immutable and thread-safe; `name` is
    // only written while a type description is being built, before it is published.
    let raw: OpaquePointer

    /// The resource's WIT name, when the component names it where it is used.
    public internal(set) var name: String?

    /// Takes ownership of `raw`.
    init(owning raw: OpaquePointer, name: String? = nil) {
        self.raw = raw
        self.name = name
    }

    deinit {
        wasmtime_component_resource_type_delete(raw)
    }

    public static func == (lhs: ResourceType, rhs: ResourceType) -> Bool {
        lhs === rhs || wasmtime_component_resource_type_equal(lhs.raw, rhs.raw)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
    }
}

/// A handle to a resource (owned or borrowed) that lives in one store's table.
///
/// Equality is identity. The handle is only valid with the store that produced it; WasmPlug
/// refuses to pass it to another store.
public final class Resource: Equatable, @unchecked Sendable {
    // Safe to share as a value: the handle itself is immutable, and every operation on it
    // goes through its store, which callers use from one thread at a time.
    let raw: OpaquePointer
    let storeID: ObjectIdentifier

    init(owning raw: OpaquePointer, store: StoreState) {
        self.raw = raw
        self.storeID = ObjectIdentifier(store)
    }

    deinit {
        wasmtime_component_resource_any_delete(raw)
    }

    /// Whether this handle owns the resource (`own<T>`) rather than borrowing it.
    public var isOwned: Bool { wasmtime_component_resource_any_owned(raw) }

    /// The resource's type.
    public var type: ResourceType {
        ResourceType(owning: wasmtime_component_resource_any_type(raw)!)
    }

    public static func == (lhs: Resource, rhs: Resource) -> Bool { lhs === rhs }
}

/// A resource type implemented by the host, with Swift objects as its representation.
public final class HostResourceType {
    private static let nextID = IDAllocator()

    /// The number Wasmtime uses to tell host resource types apart.
    public let id: UInt32
    /// The resource's WIT name.
    public let name: String
    /// Receives a resource's object when the guest drops its owned handle, or when the store
    /// that holds it goes away.
    let onDrop: (AnyObject) -> Void

    public init(name: String, onDrop: @escaping (AnyObject) -> Void = { _ in }) {
        self.name = name
        self.onDrop = onDrop
        self.id = Self.nextID.next()
    }

    func makeRawType() -> OpaquePointer {
        wasmtime_component_resource_type_new_host(id)!
    }
}

/// Host resource representations of one store: rep number to Swift object.
final class HostResourceTable {
    private var entries: [UInt32: (type: HostResourceType, object: AnyObject)] = [:]
    private var nextRep: UInt32 = 1

    func insert(_ object: AnyObject, type: HostResourceType) -> UInt32 {
        while entries[nextRep] != nil || nextRep == 0 { nextRep &+= 1 }
        let rep = nextRep
        nextRep &+= 1
        entries[rep] = (type, object)
        return rep
    }

    func get(_ rep: UInt32, type: UInt32) -> AnyObject? {
        guard let entry = entries[rep], entry.type.id == type else { return nil }
        return entry.object
    }

    /// Removes the entry and hands its object to its type's `onDrop`.
    func drop(_ rep: UInt32, type: UInt32) {
        guard let entry = entries[rep], entry.type.id == type else { return }
        entries[rep] = nil
        entry.type.onDrop(entry.object)
    }

    /// Drops every entry still alive: the store is going away.
    func dropAll() {
        while let (rep, entry) = entries.first {
            entries[rep] = nil
            entry.type.onDrop(entry.object)
        }
    }
}

/// Hands out increasing numbers from any thread.
final class IDAllocator: @unchecked Sendable {
    // Safe to share: `value` is only touched under `lock`.
    private let lock = Mutex()
    private var value: UInt32 = 0

    func next() -> UInt32 {
        lock.withLock {
            value += 1
            return value
        }
    }
}
