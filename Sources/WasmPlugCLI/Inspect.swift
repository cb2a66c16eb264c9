import ArgumentParser
import Foundation
import WasmPlugEngine
import WasmPlugHost

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what a component imports and exports, and who would provide each import.",
        discussion: """
            Prints the component's world as WIT. Each import is marked with its provider \
            (built-in WASI 0.2, a plugin, or NOT PROVIDED); nothing is run. Exits with status 1 when \
            an import is not provided.
            """
    )

    @Option(name: .customShort("P"), help: ArgumentHelp("A plugin, as for `run`, to show as a provider; repeatable.", valueName: "plugin=path"))
    var plugins: [String] = []

    @Argument(help: "The component to inspect (.wasm).")
    var component: String

    func run() throws {
        do {
            let engine = Engine()
            let (compiled, _) = try GuestLoader.load(
                component, engine: engine, cache: ComponentCache(directory: ComponentCache.defaultDirectory()))
            let type = compiled.type
            let resolution = try ImportResolution(
                imports: type.imports, wasi: true,
                plugins: LoadedPlugins(PluginOptions(parsing: plugins)).offers)
            printLine(WITPrinter.render(type, name: component, resolution: resolution))
            if !resolution.missing.isEmpty {
                throw fail("\(resolution.missing.count) import(s) not provided: \(resolution.missing.joined(separator: ", "))")
            }
        } catch let error as HostError {
            throw fail(error)
        }
    }
}
