import WasmPlugPluginSDK

// wasi:keyvalue/store@0.2.0-draft in Swift, in memory: the same interface as the C plugin
// over SQLite (Plugins/keyvalue-sqlite), so one guest can run against either.
//
// KeyvalueStorePlugin.swift beside this file is generated from the WIT:
//   wasmplug bindgen --lang swift --world keyvalue-store Plugins/keyvalue-sqlite/wit/store.wit \
//     -o Plugins/swift-keyvalue-memory/Sources/SwiftKeyValuePlugin/KeyvalueStorePlugin.swift

/// One store's data: an instance per store, created with it and freed with it.
final class MemoryStore: KeyvalueStorePlugin {
    private var buckets: [String: [String: [UInt8]]] = [:]
    private var handles: [UInt32: String] = [:]
    private var nextHandle: UInt32 = 1
    private static let pageSize = 100

    init(configuration: [String: String]) throws {}

    private func bucket(_ handle: UInt32) throws -> String {
        guard let name = handles[handle] else { throw PluginFailure("no bucket \(handle)") }
        return name
    }

    func open(identifier: String) throws -> WITResult<UInt32, StoreError> {
        guard !identifier.isEmpty else { return .err(.noSuchStore) }
        buckets[identifier] = buckets[identifier] ?? [:]
        handles[nextHandle] = identifier
        defer { nextHandle += 1 }
        return .ok(nextHandle)
    }

    func bucketGet(handle: UInt32, key: String) throws -> WITResult<[UInt8]?, StoreError> {
        .ok(buckets[try bucket(handle)]?[key])
    }

    func bucketSet(handle: UInt32, key: String, value: [UInt8]) throws -> WITResult<Void, StoreError> {
        buckets[try bucket(handle), default: [:]][key] = value
        return .ok(())
    }

    func bucketDelete(handle: UInt32, key: String) throws -> WITResult<Void, StoreError> {
        buckets[try bucket(handle)]?[key] = nil
        return .ok(())
    }

    func bucketExists(handle: UInt32, key: String) throws -> WITResult<Bool, StoreError> {
        .ok(buckets[try bucket(handle)]?[key] != nil)
    }

    func bucketListKeys(handle: UInt32, cursor: UInt64?) throws -> WITResult<KeyResponse, StoreError> {
        let offset = Int(cursor ?? 0)
        let keys = (buckets[try bucket(handle)] ?? [:]).keys.sorted().dropFirst(offset)
        let more = keys.count > Self.pageSize
        return .ok(KeyResponse(keys: Array(keys.prefix(Self.pageSize)), cursor: more ? UInt64(offset + Self.pageSize) : nil))
    }

    func dropBucket(_ rep: UInt32) {
        handles[rep] = nil
    }
}

/// A failure that traps the guest with its message.
struct PluginFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

private let descriptor = makeKeyvalueStorePluginDescriptor(MemoryStore.self, name: "swift-keyvalue-memory", version: "0.1.0")

@_cdecl("wasmplug_plugin_descriptor")
public func wasmplugPluginDescriptor() -> UnsafePointer<wasmplug_plugin_t> {
    descriptor.pointer
}
