import CWasmtime
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a guest sees of the host through WASI (0.2 for components, preview 1 for core
/// modules): arguments, environment, stdio, directories.
///
/// The default gives nothing: no arguments, no environment, no stdio, no files, no name
/// lookup. TCP and UDP sockets are never granted: the Wasmtime 50 C API cannot allow them
/// (its `wasi_config_inherit_network` allows every address, but sockets stay denied without
/// the builder's `allow_tcp`/`allow_udp`, which it does not expose).
public struct WASIConfiguration: Sendable {
    /// A host directory made visible to the guest.
    public struct Preopen: Sendable, Equatable {
        public var hostPath: String
        public var guestPath: String
        public var readOnly: Bool
        public init(hostPath: String, guestPath: String, readOnly: Bool = false) {
            self.hostPath = hostPath
            self.guestPath = guestPath
            self.readOnly = readOnly
        }
    }

    public var arguments: [String] = []
    public var environment: [(name: String, value: String)] = []
    public var inheritStdio = false
    public var preopens: [Preopen] = []
    /// Passes every environment variable of the host on to the guest (`-S inherit-env`).
    public var inheritEnvironment = false
    /// Lets the guest resolve host names with wasi:sockets/ip-name-lookup (`-S allow-ip-name-lookup`).
    public var allowIPNameLookup = false

    public init(arguments: [String] = [], environment: [(name: String, value: String)] = [],
                inheritStdio: Bool = false, preopens: [Preopen] = []) {
        self.arguments = arguments
        self.environment = environment
        self.inheritStdio = inheritStdio
        self.preopens = preopens
    }

    /// Builds the C configuration; the caller hands it to the store, which takes it.
    func makeRaw() throws(WasmtimeError) -> OpaquePointer {
        let config = wasi_config_new()!
        var handedOver = false
        defer { if !handedOver { wasi_config_delete(config) } }
        guard withCStrings(arguments, { wasi_config_set_argv(config, arguments.count, $0) }) else {
            throw WasmtimeError(.engine, "WASI rejected the argument list", context: "configuring WASI")
        }
        if inheritEnvironment { wasi_config_inherit_env(config) }
        wasi_config_allow_ip_name_lookup(config, allowIPNameLookup)
        let names = environment.map(\.name), values = environment.map(\.value)
        let envOK = withCStrings(names) { namePointers in
            withCStrings(values) { wasi_config_set_env(config, environment.count, namePointers, $0) }
        }
        guard envOK else {
            throw WasmtimeError(.engine, "WASI rejected the environment", context: "configuring WASI")
        }
        if inheritStdio {
            wasi_config_inherit_stdin(config)
            wasi_config_inherit_stdout(config)
            wasi_config_inherit_stderr(config)
        }
        for preopen in preopens {
            guard wasi_config_preopen_dir(config, preopen.hostPath, preopen.guestPath, !preopen.readOnly) else {
                throw WasmtimeError(
                    .engine, "cannot open host directory '\(preopen.hostPath)': check that it exists and is readable",
                    context: "--dir \(preopen.hostPath)::\(preopen.guestPath)")
            }
        }
        handedOver = true
        return config
    }
}

/// Calls `body` with a C array of NUL-terminated copies of `strings`.
func withCStrings<R>(_ strings: [String], _ body: (UnsafeMutablePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    // A trailing NULL keeps the buffer non-empty, so its base address always exists.
    var pointers = copies.map { UnsafePointer($0) } + [nil]
    return pointers.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
}
