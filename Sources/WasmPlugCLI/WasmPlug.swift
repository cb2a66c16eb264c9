import ArgumentParser
import Foundation
import WasmPlugEngine
import WasmPlugHost

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
            """,
        version: "0.1.0 (Wasmtime \(Engine.wasmtimeVersion))",
        subcommands: [Run.self, Inspect.self, Compose.self, PluginCommand.self, Bindgen.self, Bench.self, Soak.self]
    )
}

/// Prints `error: message` on stderr and exits with `status`.
func fail(_ message: CustomStringConvertible, status: Int32 = 1) -> ExitCode {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    return ExitCode(status)
}

/// Writes a line to stdout without buffering, so it stays in order with the guest's output.
func printLine(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
