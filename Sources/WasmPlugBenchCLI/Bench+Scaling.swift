import Foundation
import WasmPlugBench
import WasmPlugCache
import WasmPlugCommandLine
import WasmPlugNative

extension Bench {
    /// How cost grows, one dimension at a time, printed as curves.
    func scaling() throws {
        printLine("\nhow cost grows, one dimension at a time (\(ProcessInfo.processInfo.activeProcessorCount) cores)")
        let benchmark = try HostCallBenchmark(guest: GuestLoader.read("\(guests)/bench.wasm"))
        let stores = ScalingBenchmark(benchmark, plugin: NativePlugin(library: try PluginLibrary(path: plugin)))
        printLine("  f(u32) -> u32 through a native plugin, \(calls) calls shared by N stores at once, each on its own thread")
        var single = Double.nan
        for count in [1, 2, 4, 8, 64] {
            let rate = try stores.callsPerSecond(stores: count, calls: calls)
            if count == 1 { single = rate }
            printLine(String(format: "    %2d stores %10.2f M calls/s   %.2fx one store", count, rate / 1e6, rate / single))
        }

        let rpc = try RPCBenchmark(guest: GuestLoader.read("\(guests)/bench.wasm"))
        printLine("  echo(string) through an RPC plugin over a Unix socket, by size, beside the raw echo of the same bytes")
        for size in [1 << 10, 16 << 10, 64 << 10, 256 << 10, 1 << 20, 4 << 20, 16 << 20] {
            let calls = UInt32(max(3, min(200, (32 << 20) / size)))
            let (call, raw) = try rpc.payload(.unix, size: size, calls: calls)
            printLine("    " + Self.size(size).padding(toLength: 8, withPad: " ", startingAt: 0)
                + String(format: "%10.1f us %7.0f MB/s   raw echo %10.1f us %7.0f MB/s   %.2fx the raw echo",
                         call / 1000, Double(size) / call * 1000, raw / 1000, Double(size) / raw * 1000, call / raw))
        }

        let copies = FileManager.default.temporaryDirectory.appendingPathComponent("wasmplug-bench-plugins-\(getpid())")
        try FileManager.default.createDirectory(at: copies, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: copies) }
        let cache = copies.appendingPathComponent("cache").path
        printLine("  start-up of wasmplug run hello.wasm with N native plugins (copies of \(plugin)), median of \(runs) runs")
        var none = Double.nan
        for count in [0, 1, 10, 50] {
            var command = [WasmPlugBenchCommand.wasmplug, "run"]
            for index in 0..<count {
                let copy = copies.appendingPathComponent("libbench\(index).so").path
                if !FileManager.default.fileExists(atPath: copy) { try FileManager.default.copyItem(atPath: plugin, toPath: copy) }
                command += ["-P", "plugin=\(copy)"]
            }
            command.append("\(guests)/hello.wasm")
            _ = try StartupBenchmark.samples(command, runs: 1, environment: ["WASMPLUG_CACHE_DIR": cache])  // fill the cache
            let median = StartupBenchmark.median(try StartupBenchmark.samples(command, runs: runs, environment: ["WASMPLUG_CACHE_DIR": cache]).map(\.milliseconds))
            if count == 0 { none = median }
            printLine(String(format: "    %2d plugins %8.1f ms   %+.1f ms over none", count, median, median - none)
                + (count > 0 ? String(format: ", %.2f ms a plugin", (median - none) / Double(count)) : ""))
        }
    }

    private static func size(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : "\(bytes >> 10) KiB"
    }
}
