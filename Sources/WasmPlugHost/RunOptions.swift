import WasmPlugEngine

/// Everything `wasmplug run` needs to know about one run of a guest.
public struct RunOptions: Sendable {
    /// The component file.
    public var componentPath: String
    /// Arguments after the component; the guest sees the file name as the first argument.
    public var arguments: [String] = []
    public var environment: [(name: String, value: String)] = []
    public var preopens: [WASIConfiguration.Preopen] = []
    /// A call such as `add(1, 2)` in WAVE syntax, instead of running `wasi:cli/run`.
    public var invoke: String?
    /// Fuel the guest may use; unlimited when nil.
    public var fuel: UInt64?
    /// Wall-clock limit in seconds; unlimited when nil.
    public var timeout: Double?
    /// The most bytes any one linear memory may grow to; unlimited when nil.
    public var maxMemory: Int64?
    /// The plugins the `-P` options name.
    public var plugins = PluginOptions()
    /// Where compiled components are kept; nil compiles every time.
    public var cache: ComponentCache?
    /// `--trust-dl-policy FILE`: the user trusts the component itself (one they composed with a
    /// trusted plugin) with wasi:dl under this dl policy file; nil refuses it wasi:dl.
    public var trustedDLPolicy: String?

    public init(componentPath: String) {
        self.componentPath = componentPath
    }
}

/// A plugin given on the command line: `-P plugin=./libkv.so,key=value,...`.
public struct PluginSpecification: Sendable, Equatable {
    public var path: String
    public var configuration: [Configuration]

    public struct Configuration: Sendable, Equatable {
        public var key: String
        public var value: String
    }

    /// Parses the text after `-P`.
    public init(parsing text: String) throws(HostError) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, first.hasPrefix("plugin="), first.count > "plugin=".count else {
            throw HostError("-P '\(text)': write -P plugin=PATH[,key=value...], e.g. -P plugin=./libkv.so,path=kv.db")
        }
        path = String(first.dropFirst("plugin=".count))
        configuration = []
        for part in parts.dropFirst() {
            guard let equals = part.firstIndex(of: "="), equals != part.startIndex else {
                throw HostError("-P \(text): '\(part)' is not key=value")
            }
            configuration.append(.init(key: String(part[..<equals]), value: String(part[part.index(after: equals)...])))
        }
        isolation = try Isolation(taking: &configuration, from: text)
    }

    /// How a plugin is isolated from the host: `nil` runs it in the host process.
    public var isolation: Isolation?

    /// `isolate=process`: the plugin runs in a child process (`wasmplug plugin serve`), reached
    /// over wRPC on a Unix socket. With it, `timeout=` (per call, default 30s) and
    /// `max-restarts=` (default 3) are WasmPlug's, not the plugin's.
    public struct Isolation: Sendable, Equatable {
        public var timeout: Double = 30
        public var maxRestarts = 3

        /// Takes the isolation keys out of `configuration`; `nil` when `isolate=` is absent.
        init?(taking configuration: inout [Configuration], from text: String) throws(HostError) {
            guard let isolate = configuration.first(where: { $0.key == "isolate" }) else { return nil }
            guard isolate.value == "process" else {
                throw HostError("-P \(text): isolate=\(isolate.value) is not a kind of isolation; write isolate=process")
            }
            for entry in configuration {
                switch entry.key {
                case "timeout": timeout = try parseDuration(entry.value, option: "-P ...,timeout")
                case "max-restarts":
                    guard let count = Int(entry.value), count >= 0 else {
                        throw HostError("-P \(text): max-restarts=\(entry.value) is not a count; write e.g. max-restarts=3")
                    }
                    maxRestarts = count
                default: continue
                }
            }
            configuration.removeAll { ["isolate", "timeout", "max-restarts"].contains($0.key) }
        }
    }
}
