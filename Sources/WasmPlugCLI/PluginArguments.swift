import ArgumentParser
import WasmPlugConfig
import WasmPlugHost
import WasmPlugProvider

/// The `-P` options, shared by `run` and `inspect`; `-P help` prints every kind's options.
struct PluginArguments: ParsableArguments {
    @Option(name: .customShort("P"), help: ArgumentHelp(
        "Serve imports from a plugin: plugin=PATH|NAME[,key=value...] for a native library (NAME: found on WASMPLUG_PLUGIN_PATH), component=PATH for a plugin component, protocol=, target=, import= for an RPC plugin, import=INTERFACE=URL for one import's own RPC plugin, prefer=INTERFACE=NAME|builtin to choose a provider. Repeatable; `-P help` lists every option.",
        valueName: "key=value"))
    var plugins: [String] = []

    /// Prints the plugin options and exits, when `-P help` was given.
    func validate() throws {
        if plugins.contains("help") {
            print(PluginKinds.help)
            throw ExitCode.success
        }
    }

    /// The plugins of `configuration` (a `--config` file) and then these, parsed once into
    /// typed specifications.
    func options(after configuration: RunConfiguration? = nil) throws(HostError) -> PluginOptions {
        try PluginOptions(parsing: (configuration?.plugins ?? []) + plugins.map { OptionItem($0) })
    }
}
