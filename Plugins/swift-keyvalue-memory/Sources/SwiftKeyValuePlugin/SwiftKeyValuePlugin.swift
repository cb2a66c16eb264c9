import WasmPlugPluginSDK

// wasi:keyvalue/store@0.2.0-draft in Swift, in memory: the same interface as the C plugin
// over SQLite (Plugins/keyvalue-sqlite), so one guest can run against either. Each store
// gets its own buckets, created with the store and freed with it.
//
// Offsets are the native layout of each function's parameters and result
// (docs/native-plugin-abi.md; `wasmplug bindgen --lang c` prints them as C structs).

/// One store's data: buckets by name, and the open bucket handles by representation.
final class Store {
    var buckets: [String: [String: [UInt8]]] = [:]
    var handles: [UInt32: String] = [:]
    var nextHandle: UInt32 = 1

    static func from(_ state: UnsafeMutableRawPointer?) -> Store {
        Unmanaged<Store>.fromOpaque(state!).takeUnretainedValue()
    }
}

/// Reads `(self: borrow<bucket>, key: string)` and returns the bucket's name and the key.
private func bucketAndKey(_ state: UnsafeMutableRawPointer?, _ args: UnsafeRawPointer?) -> (Store, String, String)? {
    let store = Store.from(state)
    guard let bucket = store.handles[args!.load(as: UInt32.self)] else { return nil }
    return (store, bucket, args!.load(fromByteOffset: 8, as: wasmplug_str_t.self).string)
}

private let pageSize = 100

private let descriptor = PluginDescriptor(
    name: "swift-keyvalue-memory", version: "0.1.0",
    wit: """
        package wasi:keyvalue@0.2.0-draft;
        interface store {
          variant error { no-such-store, access-denied, other(string) }
          record key-response { keys: list<string>, cursor: option<u64> }
          open: func(identifier: string) -> result<bucket, error>;
          resource bucket {
            get: func(key: string) -> result<option<list<u8>>, error>;
            set: func(key: string, value: list<u8>) -> result<_, error>;
            delete: func(key: string) -> result<_, error>;
            exists: func(key: string) -> result<bool, error>;
            list-keys: func(cursor: option<u64>) -> result<key-response, error>;
          }
        }
        world swift-keyvalue-memory { export store; }
        """,
    world: "swift-keyvalue-memory",
    functions: [
        ("wasi:keyvalue/store@0.2.0-draft#open", { state, _, args, result in
            let identifier = args!.load(as: wasmplug_str_t.self).string
            guard !identifier.isEmpty else {
                result!.storeBytes(of: 1, as: UInt8.self)                      // err(
                result!.storeBytes(of: 0, toByteOffset: 8, as: UInt8.self)    //   no-such-store)
                return 0
            }
            let store = Store.from(state)
            store.buckets[identifier, default: [:]] = store.buckets[identifier] ?? [:]
            store.handles[store.nextHandle] = identifier
            result!.storeBytes(of: store.nextHandle, toByteOffset: 8, as: UInt32.self)  // ok(bucket)
            store.nextHandle += 1
            return 0
        }),
        ("wasi:keyvalue/store@0.2.0-draft#[method]bucket.get", { state, call, args, result in
            guard let (store, bucket, key) = bucketAndKey(state, args) else { return 1 }
            if let value = store.buckets[bucket]?[key] {
                result!.storeBytes(of: 1, toByteOffset: 8, as: UInt8.self)   // ok(some(
                result!.storeBytes(of: PluginCall(call).list(value), toByteOffset: 16, as: wasmplug_list_t.self)
            }
            return 0
        }),
        ("wasi:keyvalue/store@0.2.0-draft#[method]bucket.set", { state, _, args, _ in
            guard let (store, bucket, key) = bucketAndKey(state, args) else { return 1 }
            store.buckets[bucket]![key] = Array(args!.load(fromByteOffset: 24, as: wasmplug_list_t.self).elements(UInt8.self))
            return 0
        }),
        ("wasi:keyvalue/store@0.2.0-draft#[method]bucket.delete", { state, _, args, _ in
            guard let (store, bucket, key) = bucketAndKey(state, args) else { return 1 }
            store.buckets[bucket]![key] = nil
            return 0
        }),
        ("wasi:keyvalue/store@0.2.0-draft#[method]bucket.exists", { state, _, args, result in
            guard let (store, bucket, key) = bucketAndKey(state, args) else { return 1 }
            result!.storeBytes(of: store.buckets[bucket]![key] != nil ? 1 : 0, toByteOffset: 8, as: UInt8.self)
            return 0
        }),
        ("wasi:keyvalue/store@0.2.0-draft#[method]bucket.list-keys", { state, call, args, result in
            let store = Store.from(state)
            guard let bucket = store.handles[args!.load(as: UInt32.self)] else { return 1 }
            let hasCursor = args!.load(fromByteOffset: 8, as: UInt8.self) == 1
            let offset = hasCursor ? Int(args!.load(fromByteOffset: 16, as: UInt64.self)) : 0
            let keys = store.buckets[bucket]!.keys.sorted().dropFirst(offset)
            let page = keys.prefix(pageSize).map { PluginCall(call).string($0) }
            result!.storeBytes(of: PluginCall(call).list(Array(page)), toByteOffset: 8, as: wasmplug_list_t.self)
            if keys.count > pageSize {
                result!.storeBytes(of: 1, toByteOffset: 24, as: UInt8.self)                             // cursor: some(
                result!.storeBytes(of: UInt64(offset + pageSize), toByteOffset: 32, as: UInt64.self)   //   next offset)
            }
            return 0
        }),
    ],
    resources: [("wasi:keyvalue/store@0.2.0-draft#bucket", { state, rep in Store.from(state).handles[rep] = nil })],
    createState: { _, _ in Unmanaged.passRetained(Store()).toOpaque() },
    destroyState: { state in Unmanaged<Store>.fromOpaque(state!).release() })

@_cdecl("wasmplug_plugin_descriptor")
public func wasmplugPluginDescriptor() -> UnsafePointer<wasmplug_plugin_t> {
    descriptor.pointer
}
