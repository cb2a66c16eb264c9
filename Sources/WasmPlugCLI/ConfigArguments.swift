import ArgumentParser
import WasmPlugConfig
import WasmPlugHost
import WasmPlugProvider

/// `--config FILE`, shared by `run` and `inspect`: a run configuration file (docs/configuration.md).
struct ConfigArguments: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Read plugins, routes, WASI options, limits, environment and directories from this TOML file (docs/configuration.md); the command line's options override it.",
        valueName: "file.toml"))
    var config: String?

    /// The file, read; nil without `--config`.
    func load() throws(HostError) -> RunConfiguration? {
        guard let config else { return nil }
        return try RunConfiguration(contentsOfFile: config)
    }
}

extension RunConfiguration {
    /// Sets what the file says in `options`: its `-S`, `-W` and `-C` items, environment and
    /// directories. The command line's options, set after, override it.
    func apply(to options: inout RunOptions) throws(HostError) {
        for (group, items) in [(WasmtimeOptionGroup.wasi, wasi), (.wasm, wasm), (.codegen, codegen)] {
            for item in items {
                do throws(HostError) {
                    try group.apply(item.text, to: &options)
                } catch {
                    throw item.located(error)
                }
            }
        }
        options.environment = try Self.parse(environment, OptionSyntax.environmentVariable)
        options.preopens = try Self.parse(dirs, OptionSyntax.preopen)
    }

    private static func parse<Value>(_ items: [OptionItem], _ parse: (String) throws(HostError) -> Value) throws(HostError) -> [Value] {
        try items.map { item throws(HostError) in
            do throws(HostError) {
                return try parse(item.text)
            } catch {
                throw item.located(error)
            }
        }
    }
}

extension OptionSyntax {
    /// `base` (the file's variables) with each that `overrides` (the command line's) names replaced.
    static func environment(_ base: [(name: String, value: String)], overriddenBy overrides: [(name: String, value: String)])
        -> [(name: String, value: String)] {
        base.filter { variable in !overrides.contains { $0.name == variable.name } } + overrides
    }
}
