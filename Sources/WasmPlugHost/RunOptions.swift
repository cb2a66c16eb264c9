import WasmPlugCache
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
