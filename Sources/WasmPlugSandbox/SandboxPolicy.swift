import WasmPlugProvider

/// What a sandboxed plugin (`isolate=sandbox`) may reach, from its `-P` keys: the paths it may
/// read or write, the network, and its resource limits. Every limit has a default; `unlimited`
/// lifts one.
public struct SandboxPolicy: Sendable, Equatable {
    /// Paths (files, or directories with everything beneath) the plugin may read: `allow-read=`.
    public var readable: [String] = []
    /// Paths the plugin may read, write, create and remove files in: `allow-write=`.
    public var writable: [String] = []
    /// `net=host`: the host's network; otherwise (`net=none`, the default, and no `connect=`)
    /// its own network namespace, with nothing in it.
    public var hostNetwork = false
    /// `connect=PORT` (repeatable): the host's network, but TCP connections only to these ports
    /// (any host), no TCP listening, and no UDP.
    public var connectPorts: [UInt16] = []
    /// The most memory (bytes of data: heap, writable mappings, thread stacks): `memory=`.
    public var memory: Int64? = 1 << 30
    /// The most CPU time over the child's life, in seconds: `cpu=`.
    public var cpuSeconds: Int? = 600
    /// The most open files: `files=`.
    public var files: Int? = 256
    /// The most processes and threads (the child's own threads count): `processes=`.
    public var processes: Int? = 64
    /// Whether the plugin keeps the host's network namespace (`net=host` or `connect=`).
    public var sharesHostNetwork: Bool { hostNetwork || !connectPorts.isEmpty }

    /// The kernel features the run is accepted without, if the kernel lacks them: `without=`.
    public var without: Set<SandboxFeature> = []

    /// The keys that belong to the sandbox, not to the plugin.
    public static let keys = ["allow-read", "allow-write", "net", "connect", "memory", "cpu", "files", "processes", "without"]

    /// The defaults.
    public init() {}

    /// Takes the sandbox's keys out of `configuration`; `option` names the `-P` text in errors.
    public init(taking configuration: inout [(key: String, value: String)], option: String) throws(HostError) {
        for (key, value) in configuration where Self.keys.contains(key) {
            try take(key, value, option: option)
        }
        configuration.removeAll { Self.keys.contains($0.key) }
    }

    private mutating func take(_ key: String, _ value: String, option: String) throws(HostError) {
        func limit(_ parse: (String) -> Int64?, example: String) throws(HostError) -> Int64? {
            if value == "unlimited" { return nil }
            guard let number = parse(value), number > 0 else {
                throw HostError("-P \(option): \(key)=\(value) is not a limit; write e.g. \(key)=\(example), or \(key)=unlimited")
            }
            return number
        }
        switch key {
        case "allow-read", "allow-write":
            guard !value.isEmpty else { throw HostError("-P \(option): \(key)= needs a path, e.g. \(key)=./data") }
            if key == "allow-read" { readable.append(value) } else { writable.append(value) }
        case "net":
            guard value == "none" || value == "host" else {
                throw HostError("-P \(option): net=\(value) is not a network; write net=none (the default) or net=host")
            }
            hostNetwork = value == "host"
        case "connect":
            guard let port = UInt16(value), port > 0 else {
                throw HostError("-P \(option): connect=\(value) is not a TCP port; write e.g. connect=443")
            }
            connectPorts.append(port)
        case "memory": memory = try limit({ try? parseByteSize($0, option: "memory") }, example: "512MiB")
        case "cpu": cpuSeconds = try limit({ (try? parseDuration($0, option: "cpu")).map { Int64($0.rounded(.up)) } }, example: "30s").map(Int.init)
        case "files": files = try limit({ Int64($0) }, example: "256").map(Int.init)
        case "processes": processes = try limit({ Int64($0) }, example: "64").map(Int.init)
        default:
            for name in value.split(separator: "+") {
                guard let feature = SandboxFeature(rawValue: String(name)) else {
                    let names = SandboxFeature.allCases.map(\.rawValue).joined(separator: ", ")
                    throw HostError("-P \(option): without=\(value): '\(name)' is not a sandbox feature; the features are \(names)")
                }
                without.insert(feature)
            }
        }
    }

    /// The policy as `-P` keys again (what the child `wasmplug plugin serve` is given).
    public var configuration: [(key: String, value: String)] {
        func limit(_ value: (some BinaryInteger)?) -> String { value.map { "\($0)" } ?? "unlimited" }
        var entries = readable.map { (key: "allow-read", value: $0) } + writable.map { (key: "allow-write", value: $0) }
            + connectPorts.map { (key: "connect", value: "\($0)") }
        entries += [("net", hostNetwork ? "host" : "none"), ("memory", limit(memory)),
                    ("cpu", cpuSeconds.map { "\($0)s" } ?? "unlimited"), ("files", limit(files)), ("processes", limit(processes))]
        if !without.isEmpty { entries.append(("without", without.map(\.rawValue).sorted().joined(separator: "+"))) }
        return entries
    }
}

/// A kernel feature the sandbox uses; `without=FEATURE` accepts running where it is missing.
public enum SandboxFeature: String, Sendable, CaseIterable {
    /// Filesystem confinement.
    case landlock
    /// The system-call filter.
    case seccomp
    /// A user namespace: the network namespace and the process limit need one.
    case userNamespace = "user-namespace"
}
