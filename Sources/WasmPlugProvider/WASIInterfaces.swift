import WasmPlugEngine

/// The interfaces Wasmtime's WASI 0.2 implementation links.
public enum WASIInterfaces {
    static let interfaces: [String: Set<String>] = [
        "cli": ["environment", "exit", "stdin", "stdout", "stderr", "terminal-input", "terminal-output",
                "terminal-stdin", "terminal-stdout", "terminal-stderr"],
        "io": ["error", "poll", "streams"],
        "clocks": ["monotonic-clock", "wall-clock"],
        "random": ["random", "insecure", "insecure-seed"],
        "filesystem": ["types", "preopens"],
        "sockets": ["network", "instance-network", "udp", "udp-create-socket", "tcp", "tcp-create-socket",
                    "ip-name-lookup"],
    ]

    /// Whether `name` is a WASI 0.2.x interface Wasmtime provides.
    public static func provides(_ name: String) -> Bool {
        let parsed = InterfaceName(name)
        guard parsed.namespace == "wasi", let interface = parsed.interface,
              let version = parsed.version, version.hasPrefix("0.2.")
        else { return false }
        return interfaces[parsed.package]?.contains(interface) ?? false
    }

    /// Whether `name` is one of the wasi:http 0.2.x interfaces of Wasmtime's HTTP client
    /// (`types`, `outgoing-handler`), which `-S http` grants.
    public static func providesHTTP(_ name: String) -> Bool {
        let parsed = InterfaceName(name)
        guard parsed.namespace == "wasi", parsed.package == "http", let version = parsed.version,
              version.hasPrefix("0.2.")
        else { return false }
        return parsed.interface == "types" || parsed.interface == "outgoing-handler"
    }

    /// Whether `name` is a WASI 0.3 interface (`wasi:cli/environment@0.3.0`), which the
    /// Wasmtime 50 C API cannot provide: it has no WASI 0.3 linker.
    public static func isWASI03(_ name: String) -> Bool {
        let parsed = InterfaceName(name)
        return parsed.namespace == "wasi" && (parsed.version?.hasPrefix("0.3.") ?? false)
    }

    /// Why a WASI 0.3 import cannot run here, and what to do instead.
    public static let wasi03Explanation =
        "WASI 0.3 needs an engine this runtime does not have yet (the Wasmtime 50 C API has no WASI 0.3 linker): "
        + "build the component for WASI 0.2 (wasm32-wasip2; with Rust, --target wasm32-wasip2)"
}
