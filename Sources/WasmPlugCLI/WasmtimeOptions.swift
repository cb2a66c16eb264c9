import ArgumentParser
import WasmPlugCache
import WasmPlugEngine
import WasmPlugHost
import WasmPlugProvider

/// Wasmtime's option groups, spelled as `wasmtime run` spells them: `-S` for WASI, `-W` for
/// limits, `-C` for compilation. Each takes `key[=value]`, comma-separated or repeated; a key
/// this engine cannot honour is an error naming it, never ignored. `-S help`, `-W help` and
/// `-C help` list the keys.
struct WasmtimeOptions: ParsableArguments {
    @Option(name: .customShort("S", allowingJoined: true), help: ArgumentHelp(
        "WASI options as Wasmtime names them: inherit-env, allow-ip-name-lookup, http, cli. `-S help` lists them.",
        valueName: "key[=value]"))
    var wasi: [String] = []

    @Option(name: .customShort("W", allowingJoined: true), help: ArgumentHelp(
        "Limits as Wasmtime names them: fuel=N, timeout=DURATION, max-memory-size=SIZE. `-W help` lists them.",
        valueName: "key=value"))
    var wasm: [String] = []

    @Option(name: .customShort("C", allowingJoined: true), help: ArgumentHelp(
        "Compilation options as Wasmtime names them: cache=y|n. `-C help` lists them.", valueName: "key=value"))
    var codegen: [String] = []

    /// Prints a group's keys and exits, when `-S help`, `-W help` or `-C help` was given.
    func validate() throws {
        for (group, texts) in groups where texts.contains("help") {
            print(group.help)
            throw ExitCode.success
        }
    }

    /// Sets what the options say in `options`, after the long flags (which these override).
    func apply(to options: inout RunOptions) throws(HostError) {
        for (group, texts) in groups {
            for text in texts {
                for entry in text.split(separator: ",", omittingEmptySubsequences: true) {
                    try group.apply(String(entry), to: &options)
                }
            }
        }
    }

    private var groups: [(WasmtimeOptionGroup, [String])] {
        [(.wasi, wasi), (.wasm, wasm), (.codegen, codegen)]
    }
}

/// One of Wasmtime's option groups: the keys this runtime honours, and those Wasmtime has
/// that it cannot.
struct WasmtimeOptionGroup: Sendable {
    /// One key: what `help` prints and what it does to the run.
    struct Key: Sendable {
        var name: String
        var value: String
        var help: String
        var apply: @Sendable (_ value: String?, _ option: String, _ options: inout RunOptions) throws -> Void
    }

    var flag: String
    var title: String
    var keys: [Key]
    /// Wasmtime's keys of this group that this runtime's engine cannot honour.
    var unavailable: [String: String]

    var help: String {
        let width = keys.map { $0.name.count + $0.value.count }.max() ?? 0
        let lines = keys.map { key in
            let form = key.name + key.value
            return "  \(flag) \(form)\(String(repeating: " ", count: width - form.count))  \(key.help)"
        }
        return (["\(title):"] + lines).joined(separator: "\n")
    }

    func apply(_ entry: String, to options: inout RunOptions) throws(HostError) {
        let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let name = parts[0], value = parts.count == 2 ? parts[1] : nil
        if let key = keys.first(where: { $0.name == name }) {
            do {
                return try key.apply(value, "\(flag) \(name)", &options)
            } catch let error as HostError {
                throw error
            } catch {
                throw HostError("\(flag) \(entry): \(error)")
            }
        }
        if let reason = unavailable[name] {
            throw HostError("\(flag) \(name): Wasmtime has this option, but \(reason); `\(flag) help` lists what this runtime has")
        }
        throw HostError("\(flag) \(name): no such option; `\(flag) help` lists them")
    }

    /// `y`, `yes`, `true` (or no value) and `n`, `no`, `false`, as Wasmtime reads them.
    static func yesOrNo(_ value: String?, _ option: String) throws(HostError) -> Bool {
        switch value ?? "y" {
        case "y", "yes", "true": return true
        case "n", "no", "false": return false
        default: throw HostError("\(option)=\(value ?? ""): write y or n")
        }
    }

    /// The value a key needs, or an error showing the form.
    static func required(_ value: String?, _ option: String, form: String) throws(HostError) -> String {
        guard let value, !value.isEmpty else { throw HostError("\(option): give a value, as in \(form)") }
        return value
    }

    private static let engineCannot = "WasmPlug's engine (the Wasmtime \(Engine.wasmtimeVersion) C API) cannot provide it"
    /// Wasmtime's CLI grants the network with its builder's inherit_network plus allow_tcp and
    /// allow_udp; the C API has only the first (docs/builtin-wasi.md has the evidence).
    private static let networkCannot =
        "the Wasmtime \(Engine.wasmtimeVersion) C API cannot grant it: its wasi_config_inherit_network allows every "
        + "address, but it has no call to allow TCP or UDP sockets themselves, which stay denied (a connection to "
        + "127.0.0.1 fails with access-denied either way), so the network stays off"

    static let wasi = WasmtimeOptionGroup(
        flag: "-S", title: "WASI options (-S key[=y|n], comma-separated or repeated)",
        keys: [
            Key(name: "inherit-env", value: "[=y|n]", help: "pass every environment variable of the host to the guest (off by default)") {
                $2.inheritEnvironment = try yesOrNo($0, $1)
            },
            Key(name: "allow-ip-name-lookup", value: "[=y|n]", help: "let the guest resolve host names (wasi:sockets/ip-name-lookup; off by default)") {
                $2.allowIPNameLookup = try yesOrNo($0, $1)
            },
            Key(name: "http", value: "[=y|n]", help: "serve wasi:http's client (types, outgoing-handler) to a component (off by default)") {
                $2.http = try yesOrNo($0, $1)
            },
            Key(name: "cli", value: "[=y]", help: "WASI's command-line interfaces (always on: WASI 0.2 is linked whole)") { value, option, _ in
                guard try yesOrNo(value, option) else {
                    throw HostError("\(option)=\(value ?? ""): WASI 0.2 is linked whole here, so cli cannot be turned off; leave it out")
                }
            },
        ],
        unavailable: [
            "p3": WASIInterfaces.wasi03Explanation,
            "inherit-network": networkCannot, "tcp": networkCannot, "udp": networkCannot,
            "nn": engineCannot, "nn-graph": engineCannot, "threads": engineCannot, "config": engineCannot,
            "config-var": engineCannot, "keyvalue": engineCannot, "keyvalue-in-memory-data": engineCannot,
            "listenfd": engineCannot, "tcplisten": engineCannot,
            "network": engineCannot, "preview2": engineCannot, "common": engineCannot, "max-resources": engineCannot,
            "hostcall-fuel": engineCannot,
        ])

    static let wasm = WasmtimeOptionGroup(
        flag: "-W", title: "Limits (-W key=value, comma-separated or repeated)",
        keys: [
            Key(name: "fuel", value: "=N", help: "stop the guest after it uses N units of fuel (about one per instruction); as --fuel") {
                let text = try required($0, $1, form: "-W fuel=1000000")
                guard let fuel = UInt64(text) else { throw HostError("\($1)=\(text): write a whole number of fuel units, e.g. -W fuel=1000000") }
                $2.fuel = fuel
            },
            Key(name: "timeout", value: "=DURATION", help: "stop the guest after this wall-clock time: 500ms, 5s, 2m; as --timeout") {
                $2.timeout = try parseDuration(try required($0, $1, form: "-W timeout=5s"), option: $1)
            },
            Key(name: "max-memory-size", value: "=SIZE", help: "cap each linear memory: bytes, or 64MiB, 1GiB; as --max-memory") {
                $2.maxMemory = try OptionSyntax.byteSize(try required($0, $1, form: "-W max-memory-size=67108864"), option: $1)
            },
        ],
        unavailable: Dictionary(uniqueKeysWithValues: [
            "max-wasm-stack", "max-table-elements", "max-instances", "max-tables", "max-memories", "trap-on-grow-failure",
            "unknown-exports-allow", "unknown-imports-trap", "unknown-imports-default", "epoch-interruption", "relaxed-simd",
            "threads", "shared-memory", "memory64", "gc", "function-references", "exceptions", "tail-call", "component-model-async",
            "stack-switching", "wide-arithmetic", "custom-page-sizes", "extended-const", "simd", "multi-memory", "timeout-on",
        ].map { ($0, engineCannot) }))

    static let codegen = WasmtimeOptionGroup(
        flag: "-C", title: "Compilation options (-C key=value, comma-separated or repeated)",
        keys: [
            Key(name: "cache", value: "=y|n", help: "keep compiled guests in the cache directory (on by default); -C cache=n is --no-cache") {
                $2.cache = try yesOrNo($0, $1) ? ComponentCache(directory: ComponentCache.defaultDirectory()) : nil
            },
        ],
        unavailable: Dictionary(uniqueKeysWithValues: [
            "cache-config", "parallel-compilation", "compiler", "collector", "opt-level", "debug-info", "native-unwind-info",
            "pooling-allocator", "memory-reservation", "memory-guard-size", "signals-based-traps", "inlining",
        ].map { ($0, engineCannot) }))
}
