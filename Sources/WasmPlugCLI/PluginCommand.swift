import ArgumentParser
import WasmPlugCommandLine
import WasmPlugNative

struct PluginCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugin",
        abstract: "Work with plugins: list those found by name, inspect a native plugin library, or serve any plugin over wRPC.",
        subcommands: [List.self, Inspect.self, Serve.self]
    )

    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what a native plugin library declares: ABI version, name, WIT, functions, configuration.",
            discussion: "Loads the library and reads its descriptor; a malformed library gets one line saying what is wrong."
        )

        @Argument(help: "The plugin library (.so).")
        var library: String

        func run() throws {
            let plugin: PluginLibrary
            do {
                plugin = try PluginLibrary(path: library)
            } catch {
                throw fail(error)
            }
            printLine("plugin \(plugin.name) \(plugin.version)")
            printLine("  file:        \(plugin.path)")
            printLine("  ABI:         v\(plugin.abiVersion)")
            printLine("  world:       \(plugin.world)")
            printLine("  thread-safe: \(plugin.isThreadSafe ? "yes" : "no")")
            printLine("  functions:")
            plugin.functionNames.forEach { printLine("    \($0)") }
            if !plugin.resourceNames.isEmpty {
                printLine("  resources:")
                plugin.resourceNames.forEach { printLine("    \($0)") }
            }
            printLine("  configuration keys (-P plugin=\(library),key=value):")
            if plugin.configurationKeys.isEmpty { printLine("    (none)") }
            plugin.configurationKeys.forEach { printLine("    \($0.name): \($0.description)") }
            printLine("  WIT:")
            plugin.wit.split(separator: "\n", omittingEmptySubsequences: false).forEach { printLine("    \($0)") }
        }
    }
}
