import Foundation
import WasmPlugCache
import WasmPlugEngine

/// Everything `wasmplug run` needs to know about one run of a guest.
public struct RunOptions: Sendable {
    /// The component or core module file.
    public var componentPath: String
    /// Arguments after the guest; the guest sees ``programName`` as the first argument.
    public var arguments: [String] = []
    /// The guest's first argument (`--argv0`); the file's name when nil.
    public var argv0: String?
    public var environment: [(name: String, value: String)] = []
    public var preopens: [WASIConfiguration.Preopen] = []
    /// `-S inherit-env`: the guest sees every environment variable of the host.
    public var inheritEnvironment = false
    /// `-S http`: a component's wasi:http imports are served by Wasmtime's HTTP client.
    public var http = false
    /// `-S allow-ip-name-lookup`: the guest may resolve host names.
    public var allowIPNameLookup = false
    /// A call such as `add(1, 2)` in WAVE syntax, instead of running `wasi:cli/run`; for a
    /// core module, the name of an export whose numeric arguments are ``arguments``.
    public var invoke: String?
    /// Fuel the guest may use; unlimited when nil.
    public var fuel: UInt64?
    /// Wall-clock limit in seconds; unlimited when nil.
    public var timeout: Double?
    /// The most bytes any one linear memory may grow to; unlimited when nil.
    public var maxMemory: Int64?
    /// The plugins the `-P` options name.
    public var plugins = PluginOptions()
    /// Where compiled components and modules are kept; nil compiles every time.
    public var cache: ComponentCache?
    /// `--trust-dl-policy FILE`: the user trusts the component itself (one they composed with a
    /// trusted plugin) with wasi:dl under this dl policy file; nil refuses it wasi:dl.
    public var trustedDLPolicy: String?
    /// `--allow-precompiled`: the user trusts a precompiled artifact (`wasmplug compile`) as
    /// machine code; without it one is refused.
    public var allowPrecompiled = false

    public init(componentPath: String) {
        self.componentPath = componentPath
    }

    /// What the guest sees as its own name: `--argv0`, else the file's name.
    public var programName: String { argv0 ?? URL(fileURLWithPath: componentPath).lastPathComponent }

    /// The engine settings the limits need (fuel and epoch instrumentation).
    public var engineConfiguration: Engine.Configuration {
        Engine.Configuration(consumeFuel: fuel != nil, epochInterruption: timeout != nil)
    }

    /// The guest's WASI view of the host: stdio inherited, the rest as the options grant.
    var wasiConfiguration: WASIConfiguration {
        var configuration = WASIConfiguration(
            arguments: [programName] + arguments, environment: environment, inheritStdio: true, preopens: preopens)
        configuration.inheritEnvironment = inheritEnvironment
        configuration.allowIPNameLookup = allowIPNameLookup
        return configuration
    }
}
