import ArgumentParser
import WasmPlugCommandLine
import Foundation
import WasmPlugEngine
import WasmPlugCache
import WasmPlugHost
import WasmPlugProvider

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a WebAssembly component, or a WASI preview 1 core module.",
        discussion: """
            Without --invoke, the component must be a WASI command (it exports wasi:cli/run); \
            arguments after the component are passed to it, and its exit status becomes wasmplug's.

            A core module runs as under `wasmtime run`: WASI preview 1 is its only provider (plugins \
            serve components), its _start runs, and proc_exit's status becomes wasmplug's. \
            `--invoke add module.wasm 1 2` calls an export with numeric arguments and prints its results.

            With --invoke, a function it exports is called with arguments written in WAVE, \
            Wasmtime's value syntax, and the result is printed in WAVE:

              wasmplug run --invoke 'add(1, 2)' calc.wasm
              wasmplug run --invoke 'greet("wörld")' calc.wasm
              wasmplug run --invoke 'wasmplug:test/echo#echo-shape({name: "a", corners: [], origin: none})' values.wasm

            Imports that WASI does not provide come from plugins. A native plugin is a shared \
            library that describes itself with WIT (docs/native-plugin-abi.md):

              wasmplug run -P plugin=./libkv.so,path=data.db app.wasm

            An RPC plugin serves imports from another process over wRPC (docs/rpc-plugins.md):

              wasmplug run -P protocol=wrpc+tcp -P target=[::1]:7761 -P import=wasi:keyvalue app.wasm

            Wasmtime's option groups work as in `wasmtime run`: -S inherit-env, -S allow-ip-name-lookup, \
            -S http (wasi:http's client), -S cli, -W fuel=N, -W timeout=5s, -W max-memory-size=SIZE, \
            -C cache=n, --argv0 NAME (`-S help`, `-W help`, `-C help`). Sockets stay off (the C API \
            cannot grant -S inherit-network); a Wasmtime key this engine cannot honour is refused by name.

            Everything above can also come from a run configuration file, --config app.toml \
            (docs/configuration.md); the command line's options override it. A plugin can be named \
            instead of given by path, -P plugin=NAME, found on WASMPLUG_PLUGIN_PATH (`wasmplug plugin list`).

            Every import is resolved before anything runs: an import nothing provides is reported \
            by name. Compiled components are cached under $XDG_CACHE_HOME/wasmplug (or \
            $WASMPLUG_CACHE_DIR), so a second start skips compilation.

            Exit status: the guest's own status for a command; 1 when wasmplug reports an error; \
            134 when the guest traps (as Wasmtime does).
            """
    )

    @Option(name: .long, help: ArgumentHelp("Call this export instead of running the command, e.g. 'add(1, 2)'.", valueName: "call"))
    var invoke: String?

    @OptionGroup(title: "Plugins")
    var plugins: PluginArguments

    @OptionGroup(title: "Configuration file")
    var configuration: ConfigArguments

    @OptionGroup(title: "Wasmtime's options")
    var wasmtime: WasmtimeOptions

    @Option(name: .long, help: ArgumentHelp("The name the guest sees as its first argument (default: the file's name).", valueName: "name"))
    var argv0: String?

    @Option(name: .long, help: ArgumentHelp("Give the guest a host directory, as GUEST or as HOST::GUEST; repeatable.", valueName: "host[::guest]"))
    var dir: [String] = []

    @Option(name: .long, help: ArgumentHelp("Set an environment variable for the guest; NAME alone passes the host's value. Repeatable.", valueName: "name[=value]"))
    var env: [String] = []

    @Option(name: .long, help: ArgumentHelp("Stop the guest after it uses this much fuel (about one unit per instruction).", valueName: "n"))
    var fuel: UInt64?

    @Option(name: .long, help: ArgumentHelp("Stop the guest after this much wall-clock time: 500ms, 5s, 2m.", valueName: "duration"))
    var timeout: String?

    @Option(name: .long, help: ArgumentHelp("Cap each linear memory of the guest: 64MiB, 1GiB, or bytes.", valueName: "size"))
    var maxMemory: String?

    @Option(name: .long, help: ArgumentHelp(
        "Give the component itself wasi:dl under this dl policy: only for a component you composed with a trusted plugin (`wasmplug compose`).",
        valueName: "policy.toml"))
    var trustDLPolicy: String?

    @Flag(name: .long, help: "Run a precompiled artifact (`wasmplug compile`): machine code, loaded as it is, so only for files you trust.")
    var allowPrecompiled = false

    @Flag(name: .long, help: "Compile the component without reading or writing the cache.")
    var noCache = false

    @Argument(help: "The component or core module to run (.wasm).")
    var component: String?

    @Argument(parsing: .captureForPassthrough, help: "Arguments for the guest.")
    var arguments: [String] = []

    func validate() throws {
        guard component != nil else { throw ValidationError("Missing expected argument '<component>'") }
    }

    func run() throws {
        var options = RunOptions(componentPath: component!)
        do {
            options.cache = ComponentCache(directory: ComponentCache.defaultDirectory())
            let file = try configuration.load()
            try file?.apply(to: &options)
            if noCache { options.cache = nil }
            options.arguments = arguments
            options.argv0 = argv0
            options.environment = OptionSyntax.environment(options.environment, overriddenBy: try env.map(OptionSyntax.environmentVariable))
            options.preopens += try dir.map(OptionSyntax.preopen)
            options.plugins = try plugins.options(after: file)
            options.invoke = invoke
            options.fuel = fuel ?? options.fuel
            options.timeout = try timeout.map(OptionSyntax.duration) ?? options.timeout
            options.maxMemory = try maxMemory.map { try OptionSyntax.byteSize($0) } ?? options.maxMemory
            options.trustedDLPolicy = trustDLPolicy
            options.allowPrecompiled = allowPrecompiled
            try wasmtime.apply(to: &options)
            let status = try GuestRunner(options: options, printResult: printLine).run()
            if status != 0 { throw ExitCode(status) }
        } catch let error as HostError {
            throw fail(error, status: error.isTrap ? 134 : 1)
        }
    }
}
