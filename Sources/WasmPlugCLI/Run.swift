import ArgumentParser
import Foundation
import WasmPlugEngine
import WasmPlugHost

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a WebAssembly component.",
        discussion: """
            Without --invoke, the component must be a WASI command (it exports wasi:cli/run); \
            arguments after the component are passed to it, and its exit status becomes wasmplug's.

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

            Every import is resolved before anything runs: an import nothing provides is reported \
            by name. Compiled components are cached under $XDG_CACHE_HOME/wasmplug (or \
            $WASMPLUG_CACHE_DIR), so a second start skips compilation.

            Exit status: the guest's own status for a command; 1 when wasmplug reports an error; \
            134 when the guest traps (as Wasmtime does).
            """
    )

    @Option(name: .long, help: ArgumentHelp("Call this export instead of running the command, e.g. 'add(1, 2)'.", valueName: "call"))
    var invoke: String?

    @Option(name: .customShort("P"), help: ArgumentHelp(
        "Serve imports from a plugin: plugin=PATH[,key=value...] for a native library, or protocol=, target=, import= for an RPC plugin. `-P help` lists every option.",
        valueName: "key=value"))
    var plugins: [String] = []

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

    @Flag(name: .long, help: "Compile the component without reading or writing the cache.")
    var noCache = false

    @Argument(help: "The component to run (.wasm).")
    var component: String?

    @Argument(parsing: .captureForPassthrough, help: "Arguments for the guest.")
    var arguments: [String] = []

    /// What `-P help` prints: every plugin option.
    static let pluginHelp = """
        Plugin options (-P), repeatable; each -P adds one plugin:

          -P plugin=PATH[,KEY=VALUE...]
              A native plugin: a shared library that describes itself with WIT
              (docs/native-plugins.md). It serves every import whose interface it implements.
              KEY=VALUE pairs are the plugin's configuration; `wasmplug plugin inspect PATH`
              lists the keys a plugin accepts. Example:
                wasmplug run -P plugin=./libkeyvalue_sqlite.so,path=data.db app.wasm
              With isolate=process the library runs in a child process instead (`wasmplug
              plugin serve` on a Unix socket): a crash, abort or hang traps the call, not the
              host, and the child is started again for the next store. There, timeout=DURATION
              (per call, default 30s) and max-restarts=N (default 3) are WasmPlug's keys:
                wasmplug run -P plugin=./libkv.so,path=data.db,isolate=process,timeout=5s app.wasm

          -P component=PATH[,trusted][,dl-policy=FILE]
              A plugin component (docs/component-plugins.md): a component instantiated in the
              guest's store, sharing its WASI context; each interface it exports serves the
              guest's import of the same name (any version). Its own imports come from WASI,
              the other plugins (components are instantiated in dependency order) and, only when
              it is trusted, wasi:dl: native libraries under the dl policy FILE (docs/wasi-dl.md;
              without one, nothing is allowed). Example:
                wasmplug run -P component=keyvalue-dl-sqlite.wasm,trusted,dl-policy=policy.toml app.wasm

          -P protocol=wrpc+tcp|wrpc+unix|wrpc+nats
              Starts an RPC plugin: a server in another process, reached over wRPC
              (docs/rpc-plugins.md). The options after it describe that plugin:
          -P target=ADDRESS
              wrpc+tcp: HOST:PORT or [IPv6]:PORT (default [::1]:7761);
              wrpc+unix: the socket's path; wrpc+nats: the NATS server (default 127.0.0.1:4222).
          -P import=NAME
              An import the RPC plugin serves: a package (wasi:keyvalue) or an interface
              (wasi:keyvalue/store), any version unless NAME has one. Repeatable.
          -P timeout=DURATION
              How long one call may take, connecting included (default 30s): 500ms, 5s, 2m.
              A call that takes longer, or a plugin that cannot be reached, traps the guest.
          -P prefix=PREFIX
              wrpc+nats only: the prefix of the subjects, as in PREFIX.wrpc.0.0.1.<instance>.<function>.
              Without -P protocol, the RPC options describe one plugin at the RFC's defaults
              (wrpc+tcp on [::1]:7761). Options may share one -P, joined by commas. Examples:
                wasmplug run -P import=wasi:keyvalue app.wasm
                wasmplug run -P protocol=wrpc+unix -P target=/tmp/kv.sock -P import=wasi:keyvalue app.wasm
                wasmplug run -P protocol=wrpc+nats,import=wasi:keyvalue \\
                             -P protocol=wrpc+tcp,target=127.0.0.1:7000,import=example:log app.wasm
              Serve a native library or a plugin component this way with `wasmplug plugin serve`.

        An import offered by two providers (two plugins, or a plugin and WASI) is an error.
        `wasmplug inspect -P ... app.wasm` shows which provider serves each import.
        """

    func validate() throws {
        if plugins.contains("help") {
            print(Self.pluginHelp)
            throw ExitCode.success
        }
        guard component != nil else { throw ValidationError("Missing expected argument '<component>'") }
    }

    func run() throws {
        var options = RunOptions(componentPath: component!)
        do {
            options.arguments = arguments
            options.environment = try env.map(OptionSyntax.environmentVariable)
            options.preopens = try dir.map(OptionSyntax.preopen)
            options.plugins = try PluginOptions(parsing: plugins)
            options.invoke = invoke
            options.fuel = fuel
            options.timeout = try timeout.map(OptionSyntax.duration)
            options.maxMemory = try maxMemory.map(OptionSyntax.byteSize)
            options.trustedDLPolicy = trustDLPolicy
            options.cache = noCache ? nil : ComponentCache(directory: ComponentCache.defaultDirectory())
            let status = try GuestRunner(options: options, printResult: printLine).run()
            if status != 0 { throw ExitCode(status) }
        } catch let error as HostError {
            throw fail(error, status: error.isTrap ? 134 : 1)
        }
    }
}
