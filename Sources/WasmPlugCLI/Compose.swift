import ArgumentParser
import WasmPlugCommandLine
import Foundation
import WasmPlugCompose
import WasmPlugCache
import WasmPlugHost
import WasmPlugProvider

struct Compose: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a guest and the plugin components that satisfy its imports as one component.",
        discussion: """
            Each --plug component's exports satisfy the guest's imports of the same name (and other \
            plugins' imports); every other import stays an import of the result, which exports what \
            the guest exports. The result runs under `wasmplug run` or any component runtime. See \
            docs/component-plugins.md, "Composing ahead of time".
            """
    )

    @Option(help: ArgumentHelp("A plugin component whose exports satisfy imports; repeatable.", valueName: "plugin.wasm"))
    var plug: [String] = []

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the composed component.", valueName: "app.wasm"))
    var output: String?

    @Argument(help: "The guest component (.wasm).")
    var guest: String

    func run() throws {
        guard let output else { throw fail("compose needs the output's path: add -o app.wasm") }
        guard !plug.isEmpty else { throw fail("compose needs at least one plugin: add --plug plugin.wasm") }
        do {
            let plugins = try plug.map { Composer.Input(path: $0, bytes: try GuestLoader.read($0)) }
            let composed = try Composer(guest: .init(path: guest, bytes: try GuestLoader.read(guest)), plugins: plugins).compose()
            try Data(composed).write(to: URL(fileURLWithPath: output))
        } catch let error as HostError {
            throw fail(error)
        } catch let error as ComposeError {
            throw fail(error)
        } catch {
            throw fail("cannot write \(output): \(error.localizedDescription); check that its directory exists and is writable")
        }
    }
}
