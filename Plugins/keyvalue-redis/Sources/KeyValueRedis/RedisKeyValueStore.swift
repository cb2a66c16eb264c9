import WasmPlugEngine

/// The store's functions over Redis hashes, with component values in and out.
struct RedisKeyValueStore: Sendable {
    let redis: RedisClient
    /// Keys per `list-keys` page, as the SQLite plugin pages them.
    static let pageSize = 100

    static let interface = "wasi:keyvalue/store@0.2.0-draft"

    /// The interface's functions with their types as they travel over wRPC (a bucket handle is
    /// `list<u8>`): `wasi:keyvalue/store` as Plugins/keyvalue-sqlite/wit/store.wit declares it.
    static let functions: [WireFunction] = {
        let handle = ValueType.list(.u8)
        let error = ValueType.variant([.init("no-such-store"), .init("access-denied"), .init("other", .string)])
        let keyResponse = ValueType.record([.init("keys", .list(.string)), .init("cursor", .option(.u64))])
        func function(_ name: String, _ parameters: [(String, ValueType)], _ ok: ValueType?) -> WireFunction {
            WireFunction(interface: interface, name: name,
                         type: FunctionType(parameters: parameters.map { .init($0.0, $0.1) }, result: .result(ok: ok, err: error)))
        }
        let key = ("key", ValueType.string), this = ("self", handle)
        return [
            function("open", [("identifier", .string)], handle),
            function("[method]bucket.get", [this, key], .option(.list(.u8))),
            function("[method]bucket.set", [this, key, ("value", .list(.u8))], nil),
            function("[method]bucket.delete", [this, key], nil),
            function("[method]bucket.exists", [this, key], .bool),
            function("[method]bucket.list-keys", [this, ("cursor", .option(.u64))], keyResponse),
            .resourceDrop("bucket", of: interface),
        ]
    }()

    func call(_ function: String, _ parameters: [Value]) throws -> [Value] {
        if function == "[resource-drop]bucket" { return [] }
        if function == "open" {
            guard case .string(let identifier) = parameters[0], !identifier.isEmpty else {
                return [.err(.variant("no-such-store", nil))]
            }
            return [.ok(.list(identifier.utf8.map(Value.u8)))]
        }
        let hash = "wasmplug:kv:" + String(decoding: Self.bytes(parameters[0]), as: UTF8.self)
        do {
            return [.ok(try method(function, hash: hash, parameters.dropFirst()))]
        } catch {
            return [.err(.variant("other", .string("\(error)")))]
        }
    }

    private func method(_ function: String, hash: String, _ arguments: ArraySlice<Value>) throws -> Value? {
        let key: [UInt8] = if case .string(let key)? = arguments.first { Array(key.utf8) } else { [] }
        switch function {
        case "[method]bucket.get":
            guard case .bulk(let value) = try redis.command([Array("HGET".utf8), Array(hash.utf8), key]) else { throw unexpected(function) }
            return .option(value.map { .list($0.map(Value.u8)) })
        case "[method]bucket.set":
            _ = try redis.command([Array("HSET".utf8), Array(hash.utf8), key, Self.bytes(arguments.last!)])
            return nil
        case "[method]bucket.delete":
            _ = try redis.command([Array("HDEL".utf8), Array(hash.utf8), key])
            return nil
        case "[method]bucket.exists":
            guard case .integer(let found) = try redis.command([Array("HEXISTS".utf8), Array(hash.utf8), key]) else { throw unexpected(function) }
            return .bool(found == 1)
        case "[method]bucket.list-keys":
            guard case .array(let replies) = try redis.command("HKEYS", hash) else { throw unexpected(function) }
            let keys = replies.compactMap { if case .bulk(let key?) = $0 { key } else { nil } }
                .sorted { $0.lexicographicallyPrecedes($1) }
            let offset: Int = if case .option(.u64(let cursor)?)? = arguments.first { Int(clamping: cursor) } else { 0 }
            let page = keys.dropFirst(offset).prefix(Self.pageSize)
            let more = keys.count > offset + Self.pageSize
            return .record([
                .init("keys", .list(page.map { .string(String(decoding: $0, as: UTF8.self)) })),
                .init("cursor", .option(more ? .u64(UInt64(offset + Self.pageSize)) : nil)),
            ])
        default:
            throw RedisClient.Failure(description: "unknown function \(function)")
        }
    }

    private func unexpected(_ function: String) -> RedisClient.Failure {
        RedisClient.Failure(description: "\(function): unexpected reply from Redis")
    }

    private static func bytes(_ value: Value) -> [UInt8] {
        guard case .list(let elements) = value else { return [] }
        return elements.map { if case .u8(let byte) = $0 { byte } else { 0 } }
    }
}
