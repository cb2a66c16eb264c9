import WasmPlugEngine

/// Who serves an import of the guest.
public enum Provider: Equatable, Sendable, CustomStringConvertible {
    /// A native plugin library, by name and path.
    case nativePlugin(name: String, path: String)
    /// A plugin in another process, reached over wRPC.
    case rpcPlugin(target: String)
    /// A plugin component instantiated in the guest's store, by path.
    case componentPlugin(path: String)
    /// A native plugin library run in a child process (`isolate=process`).
    case isolatedPlugin(path: String)
    /// WasmPlug's wasi:dl host, for a trusted plugin component; `policy` names its dl policy.
    case wasiDL(policy: String)
    /// Wasmtime's WASI 0.2.
    case builtInWASI
    /// A function or interface the embedding host defined in Swift.
    case host
    /// An interface that only declares types: an empty instance satisfies it.
    case typesOnly
    /// Nothing: running would fail.
    case none

    public var description: String {
        switch self {
        case .nativePlugin(let name, let path): "native plugin \(name) (\(path))"
        case .rpcPlugin(let target): "RPC plugin (\(target))"
        case .componentPlugin(let path): "plugin component (\(path))"
        case .isolatedPlugin(let path): "native plugin \(path), in a child process"
        case .wasiDL(let policy): "wasi:dl (policy: \(policy))"
        case .builtInWASI: "built in (WASI 0.2)"
        case .host: "host"
        case .typesOnly: "types only, nothing to provide"
        case .none: "not provided"
        }
    }
}

/// The provider chosen for each import of a component, decided before anything runs.
public struct ImportResolution: Sendable {
    public struct Entry: Sendable {
        public var name: String
        public var provider: Provider
    }

    public var entries: [Entry]

    /// Imports more than one provider offers, with every offer.
    public var conflicts: [(name: String, providers: [Provider])]

    /// Resolves every import against WASI 0.2 (when `wasi` is on), `hostNames`, and the
    /// interfaces each plugin in `plugins` serves (`plugins` maps a provider to a function
    /// that tells whether it serves an import name).
    public init(imports: [NamedItem], wasi: Bool, hostNames: Set<String> = [],
                plugins: [(provider: Provider, serves: (String) -> Bool)] = []) {
        var conflicts: [(name: String, providers: [Provider])] = []
        entries = imports.map { item in
            var offers: [Provider] = []
            if wasi && WASIInterfaces.provides(item.name) { offers.append(.builtInWASI) }
            if hostNames.contains(item.name) || hostNames.contains(InterfaceName(item.name).unversioned) { offers.append(.host) }
            offers += plugins.filter { $0.serves(item.name) }.map(\.provider)
            if offers.isEmpty && item.item.declaresOnlyTypes { offers.append(.typesOnly) }
            if offers.count > 1 { conflicts.append((item.name, offers)) }
            return Entry(name: item.name, provider: offers.first ?? .none)
        }
        self.conflicts = conflicts
    }

    /// Imports satisfied by an empty instance, because they only declare types.
    public var typesOnly: [String] { entries.filter { $0.provider == .typesOnly }.map(\.name) }

    /// Defines the empty instances that types-only imports need.
    public func defineTypesOnlyImports(in linker: Linker) throws {
        for name in typesOnly { try linker.define(instance: name) { _ in } }
    }

    /// The imports nothing provides.
    public var missing: [String] { entries.filter { $0.provider == .none }.map(\.name) }

    /// Throws naming the first import nothing provides, or that two providers offer.
    public func requireComplete() throws(HostError) {
        if let conflict = conflicts.first {
            throw HostError(
                "import \(conflict.name) is offered by \(conflict.providers.map(\.description).joined(separator: " and ")): "
                    + "remove all but one of them")
        }
        guard let first = missing.first else { return }
        let others = missing.count > 1 ? " (and \(missing.count - 1) more: \(missing.dropFirst().joined(separator: ", ")))" : ""
        throw HostError(
            "imports \(first), which nothing provides\(others): add a plugin with -P plugin=..., -P component=... or -P import=... "
                + "(see `wasmplug run -P help`), or run `wasmplug inspect` to see every import")
    }
}

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

extension ComponentItem {
    /// An instance whose every item is a type: nothing needs to be provided at run time.
    var declaresOnlyTypes: Bool {
        guard case .instance(let items) = self else { return false }
        return items.allSatisfy { if case .type = $0.item { true } else { false } }
    }
}
