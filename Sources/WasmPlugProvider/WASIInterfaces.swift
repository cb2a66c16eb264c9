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
}
