import ArgumentParser
import WasmPlugCommandLine
import Foundation
import WasmPlugEngine
import WasmPlugRPC
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

    @OptionGroup(title: "Where to serve")
    var serving: ServerAddressArguments

    @Option(help: "The Redis server, HOST:PORT.")
    var redis = "127.0.0.1:6379"

    func run() throws {
        MemoryTuning.keepLargeBlocksInHeap()
        let address = try serving.rpcTarget()
        let authentication = try serving.natsAuthentication()
        let tls = try serving.tls.settings(for: address)
        let redisTarget: WRPCAddress
        do {
            redisTarget = try WRPCAddress(protocol: "wrpc+tcp", target: redis)
        } catch {
            throw fail("--redis: \(error)")
        }
        let store = RedisKeyValueStore(redis: RedisClient(target: redisTarget))
        let service = WRPCService()
        service.register(store)
        let server = WRPCServer(service: service)
        let bound: WRPCAddress
        do {
            bound = try server.start(address, natsAuthentication: authentication, tls: tls)
        } catch {
            throw fail("cannot serve on \(address): \(error)")
        }
        FileHandle.standardOutput.write(Data("serving wasi:keyvalue/store (redis \(redis)) on \(bound)\n".utf8))
        server.serveForever()
    }
}
