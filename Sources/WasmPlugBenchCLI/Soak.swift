import ArgumentParser
import WasmPlugCommandLine
import Foundation
import WasmPlugBench
import WasmPlugCache
import WasmPlugHost
import WasmPlugProvider

struct Soak: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Soak test: many plugin calls across many stores and threads, every answer checked.",
        discussion: """
            Mixes a native plugin (Tests/Plugins/build/libecho.so), the same library served by an \
            RPC plugin server in this process over a Unix socket, and plugin components \
            (chain-top.wasm over chain-base.wasm), one kind per store in turn. Every call's answer \
            is checked; resident memory is reported after a warm-up and at the end, with the \
            plugin states and resources the echo plugin still holds (both should be 0):

              swift build -c release && .build/release/wasmplug-bench soak
            """
    )

    @Option(help: "Where the test guests are (Tests/Guests/build.sh builds them).")
    var guests = "Tests/Guests/build"

    @Option(help: "The echo test plugin (Tests/Plugins/build.sh builds it).")
    var plugin = "Tests/Plugins/build/libecho.so"

    @Option(help: "Stores to create, one after another on each thread.")
    var stores = 1000

    @Option(help: "Checked calls per store.")
    var calls = 1000

    @Option(help: "Threads running stores at once.")
    var threads = 4

    @Option(parsing: .upToNextOption, help: "The kinds of plugin to mix: native, rpc, component (default: all).")
    var kinds: [SoakTest.Kind] = SoakTest.Kind.allCases

    func run() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wasmplug-soak-\(getpid())")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            // The soak (and the RPC server's plugin state with it) is gone before the counts are read.
            let report = try {
                let soak = try SoakTest(guests: guests, echoPlugin: plugin, socket: directory.appendingPathComponent("echo.sock").path,
                                        cache: ComponentCache(directory: ComponentCache.defaultDirectory()))
                defer { try? soak.shutdown() }
                return try soak.run(stores: stores, callsPerStore: calls, threads: threads, kinds: kinds)
            }()
            let live = SoakTest.echoPluginLiveCounts(plugin)
            printLine("\(report.calls) calls across \(report.stores) stores on \(threads) threads, every answer checked, in "
                + String(format: "%.1f s", report.seconds))
            printLine(String(format: "resident memory: %.1f MiB after warm-up, %.1f MiB at the end (%+.1f MiB)",
                             Double(report.residentStart) / 1048576, Double(report.residentEnd) / 1048576,
                             Double(report.residentEnd - report.residentStart) / 1048576))
            printLine("echo plugin: \(live.states) plugin states and \(live.counters) counter resources still alive")
            if live.states != 0 || live.counters != 0 { throw fail("plugin states or resources were not destroyed") }
        } catch let error as ExitCode {
            throw error
        } catch {
            throw fail("\(error)")
        }
    }
}

extension SoakTest.Kind: ExpressibleByArgument {}
