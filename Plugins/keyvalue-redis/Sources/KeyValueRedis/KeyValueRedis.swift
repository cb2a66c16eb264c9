import ArgumentParser
import Foundation
import WasmPlugEngine
import WasmPlugRPCServer
import WasmPlugWRPC

/// wasi:keyvalue/store as an RPC plugin, backed by Redis: each bucket is a Redis hash
/// `wasmplug:kv:<bucket>`; a bucket handle on the wire is the bucket's name.
@main
struct KeyValueRedis: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wasmplug-keyvalue-redis",
        abstract: "Serve wasi:keyvalue/store over wRPC, keeping the data in Redis.",
        discussion: """
            Guests reach it with `wasmplug run -P target=... -P import=wasi:keyvalue app.wasm`.
            Prints `serving ... on ADDRESS` once ready and runs until stopped.
            """
    )

    @Option(help: "The transport: wrpc+tcp, wrpc+unix or wrpc+nats.")
    var `protocol` = WRPCAddress.defaultProtocol

    @Option(help: "Where to listen (wrpc+tcp HOST:PORT, default [::1]:7761), the socket path, or the NATS server.")
    var target: String?

    @Option(help: "wrpc+nats only: the subjects' prefix.")
    var prefix: String?

    @Option(help: "The Redis server, HOST:PORT.")
    var redis = "127.0.0.1:6379"

    func run() throws {
        MemoryTuning.keepLargeBlocksInHeap()
        let address: WRPCAddress
        let redisTarget: WRPCAddress
        do {
            address = try WRPCAddress(protocol: self.protocol, target: target, prefix: prefix)
            redisTarget = try WRPCAddress(protocol: "wrpc+tcp", target: redis)
        } catch {
            throw ValidationError("\(error)")
        }
        let store = RedisKeyValueStore(redis: RedisClient(target: redisTarget))
        let service = WRPCService()
        service.register(store)
        let server = WRPCServer(service: service)
        let bound = try server.start(address)
        FileHandle.standardOutput.write(Data("serving wasi:keyvalue/store (redis \(redis)) on \(bound)\n".utf8))
        server.serveForever()
    }
}
