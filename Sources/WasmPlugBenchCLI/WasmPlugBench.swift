import ArgumentParser
import Foundation
import WasmPlugEngine

/// `wasmplug-bench`: the measurements and the soak test, kept out of the shipped `wasmplug`.
@main
struct WasmPlugBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wasmplug-bench",
        abstract: "Measure WasmPlug beside its floors, and soak-test its plugins.",
        discussion: """
            Run from the repository, after scripts/test.sh (or Tests/Guests/build.sh and \
            Tests/Plugins/build.sh) built the guests and plugins, with a release build:

              swift build -c release && .build/release/wasmplug-bench
              .build/release/wasmplug-bench soak
            """,
        subcommands: [Bench.self, Soak.self, EchoPeer.self],
        defaultSubcommand: Bench.self
    )

    /// The `wasmplug` executable built beside this one: the bench runs it (start-up, and the
    /// child process of an isolated plugin).
    static var wasmplug: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("wasmplug").path
    }

    /// Tunes the allocator as `wasmplug` does, so the figures are the ones users get.
    static func main() {
        if ProcessInfo.processInfo.environment["WASMPLUG_MALLOC_TUNING"] != "off" { MemoryTuning.keepLargeBlocksInHeap() }
        main(nil)
    }
}
