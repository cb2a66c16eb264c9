import ArgumentParser
import WasmPlugHost
import WasmPlugProvider

/// The `-P` options, shared by `run` and `inspect`; `-P help` prints every kind's options.
struct PluginArguments: ParsableArguments {
    @Option(name: .customShort("P"), help: ArgumentHelp(
        "Serve imports from a plugin: plugin=PATH[,key=value...] for a native library, component=PATH for a plugin component, or protocol=, target=, import= for an RPC plugin. Repeatable; `-P help` lists every option.",
        valueName: "key=value"))
    var plugins: [String] = []

    /// Prints the plugin options and exits, when `-P help` was given.
    func validate() throws {
        if plugins.contains("help") {
            print(PluginKinds.help)
            throw ExitCode.success
        }
    }

    /// The plugins, parsed once into typed specifications.
    func options() throws(HostError) -> PluginOptions {
        try PluginOptions(parsing: plugins)
    }
}
