import ArgumentParser
import WasmPlugCommandLine
import Foundation
import WasmPlugEngine
import WasmPlugCache
import WasmPlugHost
import WasmPlugProvider

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what a component or core module imports and exports, and who would provide each import.",
        discussion: """
            Prints the component's world as WIT. Each import is marked with its provider \
            (built-in WASI 0.2, a plugin, or NOT PROVIDED); nothing is run, no plugin process is \
            started and no RPC plugin is contacted (native libraries are opened to read their \
            descriptors, plugin components compiled to read their exports). Exits with status 1 \
            when an import is not provided, or offered by several providers and not chosen with \
            -P prefer=. With --config, the file's plugins and routes are shown as `run` would use \
            them, and its other options are checked. For a core module, prints its imports (each provided \
            by WASI preview 1 or not at all) and exports.
            """
    )

    @OptionGroup(title: "Plugins (shown as providers, as `run` would use them)")
    var plugins: PluginArguments

    @OptionGroup(title: "Wasmtime's options (-S http shows wasi:http as built in)")
    var wasmtime: WasmtimeOptions

    @OptionGroup(title: "Configuration file")
    var configuration: ConfigArguments

    @Argument(help: "The component to inspect (.wasm).")
    var component: String

    func run() throws {
        do {
            var options = RunOptions(componentPath: component)
            let engine = Engine()
            let cache = ComponentCache(directory: ComponentCache.defaultDirectory())
            if try GuestLoader.kind(of: component) == .coreModule { return try inspectModule(engine: engine, cache: cache) }
            let (compiled, _) = try GuestLoader.compile(Component.self, component, engine: engine, cache: cache)
            let type = compiled.type
            let file = try configuration.load()
            try file?.apply(to: &options)   // the file's other options are checked as `run` would
            try wasmtime.apply(to: &options)
            let providers = try PluginProviders(plugins.options(after: file), engine: engine, cache: cache, outlines: true)
            let resolution = providers.resolve(type.imports, http: options.http)
            printLine(WITPrinter.render(type, name: component, resolution: resolution))
            if !resolution.conflicts.isEmpty || !resolution.unmetPreferences.isEmpty { try resolution.requireComplete() }
            if !resolution.missing.isEmpty {
                throw fail("\(resolution.missing.count) import(s) not provided: \(resolution.missing.joined(separator: ", "))")
            }
        } catch let error as HostError {
            throw fail(error)
        }
    }

    /// A core module's imports, each with its provider, and its exports.
    private func inspectModule(engine: Engine, cache: ComponentCache) throws {
        let (module, _) = try GuestLoader.compile(Module.self, component, engine: engine, cache: cache)
        let (text, missing) = ModulePrinter.render(module, name: component)
        printLine(text)
        if !missing.isEmpty {
            throw fail("\(missing.count) import(s) not provided: \(missing.joined(separator: ", "))")
        }
    }
}
