import ArgumentParser
import WasmPlugCommandLine
import Foundation
import WasmPlugEngine
import WasmPlugCache
import WasmPlugHost
import WasmPlugProvider

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what a component imports and exports, and who would provide each import.",
        discussion: """
            Prints the component's world as WIT. Each import is marked with its provider \
            (built-in WASI 0.2, a plugin, or NOT PROVIDED); nothing is run, no plugin process is \
            started and no RPC plugin is contacted (native libraries are opened to read their \
            descriptors, plugin components compiled to read their exports). Exits with status 1 \
            when an import is not provided.
            """
    )

    @OptionGroup(title: "Plugins (shown as providers, as `run` would use them)")
    var plugins: PluginArguments

    @Argument(help: "The component to inspect (.wasm).")
    var component: String

    func run() throws {
        do {
            let engine = Engine()
            let cache = ComponentCache(directory: ComponentCache.defaultDirectory())
            let (compiled, _) = try GuestLoader.load(component, engine: engine, cache: cache)
            let type = compiled.type
            let providers = try PluginProviders(plugins.options(), engine: engine, cache: cache, outlines: true)
            let resolution = providers.resolve(type.imports)
            printLine(WITPrinter.render(type, name: component, resolution: resolution))
            if !resolution.missing.isEmpty {
                throw fail("\(resolution.missing.count) import(s) not provided: \(resolution.missing.joined(separator: ", "))")
            }
        } catch let error as HostError {
            throw fail(error)
        }
    }
}
