import Dispatch
import Foundation
import WasmPlugEngine
import WasmPlugCache
import WasmPlugHost
import WasmPlugNative
import WasmPlugRPCServer

/// `wasmplug-bench soak`: many plugin calls across many stores, mixing native, RPC and component
/// plugins, on several threads; checks every answer, and reports resident memory at the start
/// and the end and what the plugins still hold.
public struct SoakTest: @unchecked Sendable {
    // Safe to share across the soak's threads: every member is set once in init and then only
    // read; Wasmtime's engine and compiled components are thread-safe; native plugins serialize
    // calls into libraries not marked thread-safe; RPC plugins open a connection per call; each
    // store, linker and plugin-component instance is made and used by one thread.
    public struct Report: Sendable {
        public var calls = 0
        public var stores = 0
        public var residentStart = 0
        public var residentEnd = 0
        public var seconds = 0.0
    }

    /// The three kinds of plugin, each with the guest that uses it.
    public enum Kind: String, CaseIterable, Sendable {
        case native, rpc, component
    }

    let engine = Engine()
    let roundTrip: Component
    let chainGuest: Component
    let native: PluginProviders
    let rpc: PluginProviders
    let components: PluginOptions
    let server: WRPCServer

    /// `guests` holds host-roundtrip.wasm and the chain-*.wasm components; `echoPlugin` is
    /// Tests/Plugins/build/libecho.so, which the RPC server in this process also serves.
    public init(guests: String, echoPlugin: String, socket: String, cache: ComponentCache?) throws {
        roundTrip = try GuestLoader.load("\(guests)/host-roundtrip.wasm", engine: engine, cache: cache).0
        chainGuest = try GuestLoader.load("\(guests)/chain-guest.wasm", engine: engine, cache: cache).0
        native = try PluginProviders(PluginOptions(parsing: ["plugin=\(echoPlugin)"]), engine: engine)
        let host = try NativePluginHost(plugin: NativePlugin(library: try PluginLibrary(path: echoPlugin)))
        let service = WRPCService()
        for function in host.functions {
            service.register(function) { try host.call(interface: function.interface, function: function.name, arguments: $0) }
        }
        server = WRPCServer(service: service, threads: 2)
        _ = try server.start(.unix(path: socket))
        // The server is wasmplug's own, so the guest's drops reach it and nothing stays alive.
        rpc = try PluginProviders(PluginOptions(parsing: ["protocol=wrpc+unix,target=\(socket),import=wasmplug:test/host,resource-drops=yes"]),
                                  engine: engine)
        components = try PluginOptions(parsing: ["component=\(guests)/chain-top.wasm", "component=\(guests)/chain-base.wasm"])
    }

    /// Runs `stores` stores (kinds in turn) of `callsPerStore` checked calls each, on `threads` threads.
    public func run(stores: Int, callsPerStore: Int, threads: Int, kinds: [Kind] = Kind.allCases) throws -> Report {
        var report = Report()
        let warmUp = min(stores, 3 * threads)
        try runStores(0..<warmUp, callsPerStore: callsPerStore, threads: threads, kinds: kinds)
        report.residentStart = Self.residentBytes()
        let start = DispatchTime.now().uptimeNanoseconds
        try runStores(warmUp..<stores, callsPerStore: callsPerStore, threads: threads, kinds: kinds)
        report.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        report.residentEnd = Self.residentBytes()
        report.stores = stores
        report.calls = stores * callsPerStore
        return report
    }

    public func shutdown() throws { try server.shutdown() }

    private func runStores(_ range: Range<Int>, callsPerStore: Int, threads: Int, kinds: [Kind]) throws {
        let failure = FirstFailure()
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for index in stride(from: range.lowerBound + thread, to: range.upperBound, by: threads) where !failure.isSet {
                do { try runStore(kinds[index % kinds.count], index: index, calls: callsPerStore) } catch { failure.set(error) }
            }
        }
        if let error = failure.error { throw error }
    }

    /// One store: instantiate, make `calls` calls (a few of them through a resource), check each.
    private func runStore(_ kind: Kind, index: Int, calls: Int) throws {
        let store = Store(engine: engine)
        try store.setWASI(WASIConfiguration())
        let linker = Linker(engine: engine)
        try linker.addWASI()
        switch kind {
        case .native, .rpc:
            let plugins = kind == .native ? native : rpc
            try plugins.define(roundTrip.type.imports, in: linker, store: store)
            let instance = try linker.instantiate(roundTrip, in: store)
            let echo = instance.function(["wasmplug:test/echo@0.1.0", "echo-u32"])!
            let counter = instance.function(["wasmplug:test/resources@0.1.0", "use-counter"])!
            for call in 0..<calls {
                if call % 100 == 0 {
                    try expect(counter.call([.u32(UInt32(call)), .u32(2)]), .u32(UInt32(call) + 2), kind, index)
                } else {
                    let value = UInt32(truncatingIfNeeded: index &* 7919 &+ call)
                    try expect(echo.call([.u32(value)]), .u32(value), kind, index)
                }
            }
        case .component:
            let plugins = try PluginProviders(components, engine: engine)
            try plugins.define(chainGuest.type.imports, in: linker, store: store)
            let answer = try linker.instantiate(chainGuest, in: store).function(["answer"])!
            for _ in 0..<calls { try expect(answer.call(), .u32(43), kind, index) }
        }
    }

    private func expect(_ value: Value?, _ expected: Value, _ kind: Kind, _ store: Int) throws {
        guard value == expected else {
            throw BenchmarkError("store \(store) (\(kind) plugin): expected \(expected), got \(value.map { "\($0)" } ?? "nothing")")
        }
    }

    /// This process's resident set size, from /proc/self/statm.
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
    }
}

/// The first error any thread hit.
final class FirstFailure: @unchecked Sendable {
    // Safe to share: `stored` is only touched under `lock`.
    private let lock = NSLock()
    private var stored: Error?
    var isSet: Bool { lock.withLock { stored != nil } }
    var error: Error? { lock.withLock { stored } }
    func set(_ error: Error) { lock.withLock { if stored == nil { stored = error } } }
}

extension SoakTest {
    /// The echo plugin's own counts of live plugin states and counter resources (its exported
    /// `echo_plugin_live_states` and `echo_plugin_live_counters`).
    public static func echoPluginLiveCounts(_ path: String) -> (states: Int32, counters: Int32) {
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL),
              let states = dlsym(handle, "echo_plugin_live_states"), let counters = dlsym(handle, "echo_plugin_live_counters")
        else { return (-1, -1) }
        return (states.assumingMemoryBound(to: Int32.self).pointee, counters.assumingMemoryBound(to: Int32.self).pointee)
    }
}
