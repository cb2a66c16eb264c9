import Dispatch
import Foundation
import WasmPlugEngine
import WasmPlugProvider

/// How cost grows, one dimension at a time: stores calling one native plugin at once, each on a
/// thread of its own.
public final class ScalingBenchmark: @unchecked Sendable {
    // Safe to share across the threads it starts: every member is set once in init and then only
    // read; Wasmtime's engine and compiled components are thread-safe; the plugin provider serves
    // many stores on many threads (as in the soak test), each thread using only its own store.
    let benchmark: HostCallBenchmark
    let plugin: any ImportProvider

    public init(_ benchmark: HostCallBenchmark, plugin: any ImportProvider) {
        self.benchmark = benchmark
        self.plugin = plugin
    }

    /// Calls per second of `f(u32) -> u32` from `stores` stores at once, `calls` calls in all
    /// (shared equally), timed from when every store is instantiated until the last one is done.
    public func callsPerSecond(stores: Int, calls: UInt32) throws -> Double {
        let perStore = max(calls / UInt32(stores), 1)
        let ready = DispatchSemaphore(value: 0), go = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        let failure = FirstFailure()
        for _ in 0..<stores {
            done.enter()
            Thread.detachNewThread { [self] in
                defer { done.leave() }
                do {
                    let function = try benchmark.prepare(host: .plugin(plugin), export: "call-f")
                    _ = try function.call([.u32(min(perStore, 1000))])  // warm up
                    ready.signal()
                    go.wait()
                    _ = try function.call([.u32(perStore)])
                } catch {
                    failure.set(error)
                    ready.signal()
                }
            }
        }
        for _ in 0..<stores { ready.wait() }
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<stores { go.signal() }
        done.wait()
        if let error = failure.error { throw error }
        return Double(perStore) * Double(stores) / (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
}
