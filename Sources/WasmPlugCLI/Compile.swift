import ArgumentParser
import Foundation
import WasmPlugCache
import WasmPlugCommandLine
import WasmPlugEngine
import WasmPlugHost
import WasmPlugProvider

struct Compile: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compile a component or core module ahead of time, for `run --allow-precompiled`.",
        discussion: """
            Writes machine code for this wasmplug's engine (Wasmtime \(Engine.wasmtimeVersion)) and the -W \
            options given: -W fuel= and -W timeout= change the compiled code, so run the artifact with \
            the same ones. An artifact from another version or configuration is refused when run, \
            never loaded.

              wasmplug compile app.wasm -o app.cwasm
              wasmplug run --allow-precompiled app.cwasm
            """
    )

    @OptionGroup(title: "Wasmtime's options (-W fuel= and -W timeout= shape the compiled code)")
    var wasmtime: WasmtimeOptions

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Where to write the artifact (default: the input's name with .cwasm).", valueName: "file"))
    var output: String?

    @Argument(help: "The component or core module to compile (.wasm).")
    var input: String

    func run() throws {
        let destination = output ?? URL(fileURLWithPath: input).deletingPathExtension().appendingPathExtension("cwasm").path
        do {
            var options = RunOptions(componentPath: input)
            try wasmtime.apply(to: &options)
            let engine = Engine(options.engineConfiguration)
            let bytes = try GuestLoader.read(input)
            let artifact: any CompiledArtifact
            do {
                artifact = WasmBinaryKind(bytes) == .coreModule
                    ? try Module(engine: engine, bytes: bytes) : try Component(engine: engine, bytes: bytes)
            } catch {
                throw HostError("'\(input)': \(error)")
            }
            let compiled = try artifact.serialize()
            guard ArtifactFile.write(compiled, to: URL(fileURLWithPath: destination)) else {
                throw HostError("cannot write '\(destination)': check that its directory exists and is writable")
            }
        } catch let error as HostError {
            throw fail(error)
        } catch {
            throw fail("'\(input)': \(error)")
        }
    }
}
