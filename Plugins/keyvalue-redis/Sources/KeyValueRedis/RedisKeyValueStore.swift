import WasmPlugRPCServer

/// wasi:keyvalue/store over Redis hashes, written against the typed bindings that
/// `wasmplug bindgen --lang swift-wrpc` generated (KeyvalueStoreServer.swift). A bucket's handle
/// is its name: the server keeps no state of its own.
struct RedisKeyValueStore: KeyvalueStoreServer {
    let redis: RedisClient
    /// Keys per `list-keys` page, as the SQLite plugin pages them.
    static let pageSize = 100

    func open(identifier: String) -> WITResult<WRPCHandle, StoreError> {
        identifier.isEmpty ? .err(.noSuchStore) : .ok(WRPCHandle(Array(identifier.utf8)))
    }

    func bucketGet(_ handle: WRPCHandle, key: String) -> WITResult<[UInt8]?, StoreError> {
        run { () throws -> [UInt8]? in
            guard case .bulk(let value) = try redis.command([Array("HGET".utf8), hash(handle), Array(key.utf8)]) else { throw unexpected("HGET") }
            return value
        }
    }

    func bucketSet(_ handle: WRPCHandle, key: String, value: [UInt8]) -> WITResult<WITUnit, StoreError> {
        run { _ = try redis.command([Array("HSET".utf8), hash(handle), Array(key.utf8), value]); return WITUnit() }
    }

    func bucketDelete(_ handle: WRPCHandle, key: String) -> WITResult<WITUnit, StoreError> {
        run { _ = try redis.command([Array("HDEL".utf8), hash(handle), Array(key.utf8)]); return WITUnit() }
    }

    func bucketExists(_ handle: WRPCHandle, key: String) -> WITResult<Bool, StoreError> {
        run {
            guard case .integer(let found) = try redis.command([Array("HEXISTS".utf8), hash(handle), Array(key.utf8)]) else { throw unexpected("HEXISTS") }
            return found == 1
        }
    }

    func bucketListKeys(_ handle: WRPCHandle, cursor: UInt64?) -> WITResult<KeyResponse, StoreError> {
        run {
            guard case .array(let replies) = try redis.command([Array("HKEYS".utf8), hash(handle)]) else { throw unexpected("HKEYS") }
            let keys = replies.compactMap { if case .bulk(let key?) = $0 { key } else { nil } }
                .sorted { $0.lexicographicallyPrecedes($1) }
            let offset = Int(clamping: cursor ?? 0)
            let page = keys.dropFirst(offset).prefix(Self.pageSize)
            return KeyResponse(keys: page.map { String(decoding: $0, as: UTF8.self) },
                               cursor: keys.count > offset + Self.pageSize ? UInt64(offset + Self.pageSize) : nil)
        }
    }

    /// The Redis hash that holds a bucket.
    private func hash(_ handle: WRPCHandle) -> [UInt8] { Array("wasmplug:kv:".utf8) + handle.bytes }

    /// A Redis failure becomes the store's `other` error, for the guest to see.
    private func run<T>(_ body: () throws -> T) -> WITResult<T, StoreError> {
        do { return .ok(try body()) } catch { return .err(.other("\(error)")) }
    }

    private func unexpected(_ command: String) -> RedisClient.Failure {
        RedisClient.Failure(description: "\(command): unexpected reply from Redis")
    }
}
