import ArgumentParser
import WasmPlugCommandLine
import Foundation
import WasmPlugEngine
import WasmPlugCache
import WasmPlugHost
import WasmPlugProvider

@main
struct WasmPlug: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wasmplug",
        abstract: "Run WebAssembly components, and give them host capabilities through plugins.",
        discussion: """
            WasmPlug runs untrusted WebAssembly components on Wasmtime \(Engine.wasmtimeVersion) with WASI 0.2 \
            built in. Start with:

              wasmplug inspect app.wasm        what the component imports and who provides each import
              wasmplug run app.wasm a b        run a WASI command with arguments
              wasmplug run --invoke 'add(1, 2)' calc.wasm

            Environment:
              WASMPLUG_CACHE_DIR       where compiled components are cached (default $XDG_CACHE_HOME/wasmplug)
              WASMPLUG_MALLOC_TUNING   'off' keeps the C allocator's defaults; by default blocks up to 32 MiB
                                       stay in its heaps, which makes large values several times faster
            """,
        version: "0.1.0 (Wasmtime \(Engine.wasmtimeVersion))",
        subcommands: [Run.self, Inspect.self, Compile.self, Compose.self, PluginCommand.self, Bindgen.self]
    )

    /// Tunes the allocator for large values (see ``MemoryTuning``) unless
    /// `WASMPLUG_MALLOC_TUNING=off`, then runs the command line.
    static func main() {
        if ProcessInfo.processInfo.environment["WASMPLUG_MALLOC_TUNING"] != "off" { MemoryTuning.keepLargeBlocksInHeap() }
        main(nil)
    }
}
