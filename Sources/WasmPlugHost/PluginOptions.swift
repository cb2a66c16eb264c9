import WasmPlugRPC
import WasmPlugWRPC

/// An RPC plugin given on the command line, as the RFC writes it:
/// `-P protocol=wrpc+tcp -P target=[::1]:7761 -P import=wasi:keyvalue`.
public struct RPCPluginSpecification: Sendable, Equatable {
    public var protocolName = WRPCAddress.defaultProtocol
    public var target: String?
    public var imports: [String] = []
    public var timeout: Double?
    public var prefix: String?

    public init() {}

    /// The transport address this specification names.
    public func rpcTarget() throws(HostError) -> WRPCAddress {
        do {
            return try WRPCAddress(protocol: protocolName, target: target, prefix: prefix)
        } catch {
            throw HostError("-P protocol=\(protocolName): \(error.message)")
        }
    }
}

/// Every plugin the `-P` options of one command name.
public struct PluginOptions: Sendable, Equatable {
    public var native: [PluginSpecification] = []
    public var rpc: [RPCPluginSpecification] = []
    public var components: [ComponentPluginSpecification] = []

    /// The keys that describe an RPC plugin.
    static let rpcKeys = ["protocol", "target", "import", "timeout", "prefix"]

    /// No plugins.
    public init() {}

    /// Parses the `-P` texts in order. `plugin=PATH,...` is a native plugin, `component=PATH,...`
    /// a plugin component. `protocol=` starts
    /// a new RPC plugin; `target=`, `import=`, `timeout=` and `prefix=` apply to the RPC plugin
    /// started last (one with the default protocol and target if none was). A `-P` may also
    /// join several of those with commas.
    public init(parsing texts: [String]) throws(HostError) {
        for text in texts {
            if text.hasPrefix("plugin=") {
                native.append(try PluginSpecification(parsing: text))
                continue
            }
            if text.hasPrefix("component=") {
                components.append(try ComponentPluginSpecification(parsing: text))
                continue
            }
            for part in text.split(separator: ",", omittingEmptySubsequences: false) {
                guard let equals = part.firstIndex(of: "="), equals != part.startIndex else {
                    throw HostError("-P '\(text)': '\(part)' is not key=value; see `wasmplug run -P help`")
                }
                let key = String(part[..<equals]), value = String(part[part.index(after: equals)...])
                guard Self.rpcKeys.contains(key) else {
                    throw HostError("-P '\(text)': unknown option '\(key)'; a plugin is -P plugin=PATH, -P component=PATH or "
                        + "-P protocol=... with \(Self.rpcKeys.dropFirst().joined(separator: ", ")); see `wasmplug run -P help`")
                }
                guard !value.isEmpty else { throw HostError("-P \(key)= needs a value; see `wasmplug run -P help`") }
                if key == "protocol" || rpc.isEmpty { rpc.append(RPCPluginSpecification()) }
                try rpc[rpc.count - 1].set(key, value)
            }
        }
        for plugin in rpc where plugin.imports.isEmpty {
            throw HostError("-P protocol=\(plugin.protocolName)\(plugin.target.map { " -P target=\($0)" } ?? ""): "
                + "name the imports it serves with -P import=, e.g. -P import=wasi:keyvalue")
        }
    }
}

extension RPCPluginSpecification {
    mutating func set(_ key: String, _ value: String) throws(HostError) {
        switch key {
        case "protocol":
            guard WRPCAddress.protocols.contains(value) else {
                throw HostError("-P protocol=\(value): unknown protocol; use one of \(WRPCAddress.protocols.joined(separator: ", "))")
            }
            protocolName = value
        case "target": target = value
        case "import":
            guard value.contains(":") else {
                throw HostError("-P import=\(value): name a WIT package or interface such as wasi:keyvalue or wasi:keyvalue/store")
            }
            imports.append(value)
        case "timeout": timeout = try parseDuration(value, option: "-P timeout")
        default: prefix = value
        }
    }
}

/// `500ms`, `5s`, `2m`, `1h` or plain seconds; `option` names the flag in the error.
public func parseDuration(_ text: String, option: String) throws(HostError) -> Double {
    let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
    for (suffix, scale) in units where text.hasSuffix(suffix) {
        if let number = Double(text.dropLast(suffix.count)), number > 0 { return number * scale }
    }
    if let seconds = Double(text), seconds > 0 { return seconds }
    throw HostError("\(option) '\(text)': write a positive duration such as 500ms, 5s or 2m")
}
