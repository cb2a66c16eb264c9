import ArgumentParser
import WasmPlugCache
import WasmPlugCommandLine
import WasmPlugEngine
import WasmPlugHost
import WasmPlugProvider

extension PluginCommand {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the plugins -P plugin=NAME finds, and why each other file there is skipped.",
            discussion: """
                Looks in the directories of WASMPLUG_PLUGIN_PATH (colon-separated), then in \
                $XDG_DATA_HOME/wasmplug/plugins (~/.local/share/wasmplug/plugins). A native library \
                (\(PluginSearchPath.librarySuffix)) is named by its descriptor, so it is loaded, which runs its \
                constructors: keep only trusted files there. A plugin component NAME.wasm is named NAME \
                and compiled to list its interfaces. Two plugins with one name are both shown, marked.
                """
        )

        func run() throws {
            let searchPath = PluginSearchPath.standard()
            let engine = Engine()
            let cache = ComponentCache(directory: ComponentCache.defaultDirectory())
            let catalog = PluginCatalog(scanning: searchPath) { path throws(HostError) in
                // The WIT interfaces it exports (namespace:package/name), what it can serve.
                try GuestLoader.load(path, engine: engine, cache: cache).0.type.exports.compactMap { export in
                    if case .instance = export.item, export.name.contains(":") { export.name } else { nil }
                }
            }
            printLine("search path: \(searchPath.directories.joined(separator: ":"))")
            if catalog.entries.isEmpty { printLine("no plugins found") }
            for entry in catalog.entries {
                printLine("\(entry.name) \(entry.version ?? "-") (\(entry.kind.rawValue)) \(entry.file)")
                printLine("  interfaces: \(entry.interfaces.isEmpty ? "(none)" : entry.interfaces.joined(separator: ", "))")
                for other in catalog.entries where other.name == entry.name && other.file != entry.file {
                    printLine("  AMBIGUOUS: \(other.file) is also named \(entry.name); -P plugin=\(entry.name) is an error until one goes")
                }
            }
            for (file, reason) in catalog.skipped { printLine("skipped \(file): \(reason)") }
        }
    }
}
