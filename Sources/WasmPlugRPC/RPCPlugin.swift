import WasmPlugEngine
import WasmPlugNATS
import WasmPlugProvider
import WasmPlugTLS
import WasmPlugWRPC

/// A plugin in another process, reached over wRPC: each of the guest's imports it serves becomes
/// linker functions that encode the arguments, invoke over the transport and decode the results.
///
/// A call that cannot complete (the plugin is unreachable, dies, answers garbage or takes longer
/// than ``timeout``) traps the guest with a message naming the target; the host carries on.
public final class RPCPlugin: ImportProvider {
    public let target: WRPCAddress
    /// The imports it serves: packages (`wasi:keyvalue`) or interfaces (`wasi:keyvalue/store`),
    /// with or without a version.
    public let imports: [String]
    /// How long one call may take, connection included.
    public let timeout: Duration
    /// What trap messages call this plugin.
    public let label: String
    /// Told of every call that could not complete, before the guest traps.
    public var onCallFailure: (@Sendable (RPCError) -> Void)?
    /// Whether a handle the guest drops is dropped on the server too, with wasmplug's own
    /// `[resource-drop]R` call. Only for a server known to be `wasmplug plugin serve` (an
    /// isolated plugin's child, or `-P resource-drops=yes`): real wRPC peers have no such
    /// function, and free resources by their own rules (docs/rpc-plugins.md, "Resource lifetimes").
    public let sendsResourceDrops: Bool
    private let invoker: RPCInvoker
    private let decoder: WRPCDecoder

    /// The largest answer accepted from the plugin.
    public static let defaultMaxResultSize = 64 << 20

    /// `sessions`: the target is `wasmplug plugin serve --sessions` (an isolated plugin's child),
    /// whose connections stay open for one call after another (``SessionInvoker``).
    public init(target: WRPCAddress, imports: [String], timeout: Duration = .seconds(30),
                maxResultSize: Int = defaultMaxResultSize, label: String = "wRPC plugin", sendsResourceDrops: Bool = false,
                sessions: Bool = false, natsAuthentication: NATSAuthentication = NATSAuthentication(), tls: TLSSettings? = nil) {
        self.target = target
        self.sendsResourceDrops = sendsResourceDrops
        self.label = label
        self.imports = imports
        self.timeout = timeout
        self.decoder = WRPCDecoder(maxLength: maxResultSize)
        switch target {
        case .tcp, .unix:
            invoker = sessions ? SessionInvoker(target: target, maxResultSize: maxResultSize)
                : FramedInvoker(target: target, maxResultSize: maxResultSize, tls: tls) as RPCInvoker
        case .nats: invoker = NATSInvoker(target: target, maxResultSize: maxResultSize, authentication: natsAuthentication, tls: tls)
        }
    }

    /// Whether this plugin serves the guest's import `name`.
    public func serves(_ name: String) -> Bool {
        imports.contains { Self.pattern($0, matches: name) }
    }

    public var description: String { "RPC plugin (\(target))" }

    /// Throws when a `-P import=` matches none of `imports`: the option is a mistake.
    public func requireUsed(by imports: [NamedItem]) throws(HostError) {
        for pattern in self.imports where !imports.contains(where: { Self.pattern(pattern, matches: $0.name) }) {
            let others = imports.map(\.name).filter { !WASIInterfaces.provides($0) }
            throw HostError("-P import=\(pattern): the guest imports nothing by that name; "
                + (others.isEmpty ? "it imports only WASI" : "its imports besides WASI are \(others.joined(separator: ", "))"))
        }
    }

    public func define(_ item: NamedItem, in linker: Linker, store: Store, importer: String) throws {
        try define(item, in: linker)
    }

    /// `wasi:keyvalue` matches every interface of that package; `wasi:keyvalue/store` that
    /// interface; either matches any version unless the pattern names one.
    public static func pattern(_ pattern: String, matches name: String) -> Bool {
        let unversionedName = InterfaceName(name).unversioned
        if pattern == name || pattern == unversionedName { return true }
        guard !pattern.contains("/") else { return false }
        return unversionedName.split(separator: "/", maxSplits: 1).first.map(String.init) == pattern
            || name.hasPrefix(pattern + "/")
    }

    /// Defines the guest's import `item` in `linker`: its resources as handles to the plugin's
    /// resources, its functions as remote calls.
    public func define(_ item: NamedItem, in linker: Linker) throws {
        let resources = ForwardedResources(of: item, owner: "\(label) \(target)") { [self] object, resource in
            if sendsResourceDrops { dropRemote(object as! RemoteHandle, resource: resource, instance: item.name) }
        }
        let handles = RPCHandles(resources: resources)
        try resources.define(item, in: linker) { function, type in
            binding(instance: item.name, function: function, type: type, handles: handles)
        }
    }

    /// The host function that forwards one imported function.
    private func binding(instance: String, function: String, type: FunctionType, handles: RPCHandles) -> HostFunction {
        let parameterTypes = type.parameters.map(\.type)
        let wireParameters = parameterTypes.map(\.onTheWire)
        let resultTypes = type.result.map { [$0] } ?? []
        let wireResults = resultTypes.map(\.onTheWire)
        let holdsResources = (parameterTypes + resultTypes).contains(where: \.holdsResources)
        let name = "\(instance).\(function)"
        let wireName = WRPCName.function(function)
        return { [self] caller, arguments in
            /// A call that could not complete: tell `onCallFailure`, trap the guest.
            func fail(_ message: String, naming target: WRPCAddress? = target) -> WasmtimeError {
                let text = "\(label)\(target.map { " \($0)" } ?? ""): \(name): \(message)"
                onCallFailure?(RPCError(text))
                return WasmtimeError(.trap, text)
            }
            var lowered = arguments
            if holdsResources {
                lowered = []
                for (argument, type) in zip(arguments, parameterTypes) { lowered.append(try handles.lower(argument, type, caller)) }
            }
            var parameters = WRPCSegments()
            do throws(WRPCError) {
                try WRPCEncoder.encode(lowered, as: wireParameters, appendingTo: &parameters)
            } catch {
                throw WasmtimeError(.trap, "\(label) \(target): \(name): \(error.message)")
            }
            let answer: [UInt8]?
            do throws(RPCError) {
                answer = try invoker.invoke(instance: instance, function: wireName, parameters: parameters,
                                            deadline: .now + timeout)
            } catch {
                throw fail(error.message, naming: nil)  // the transport's message names the target
            }
            guard let answer else {
                if resultTypes.isEmpty { return nil }
                throw fail("the plugin closed the call without answering (see the plugin's log)")
            }
            let results: [Value]
            do throws(WRPCError) { results = try decoder.decode(wireResults, from: answer) } catch { throw fail("invalid answer: \(error)") }
            guard let result = results.first, let resultType = resultTypes.first else { return nil }
            return holdsResources ? try handles.lift(result, resultType, caller) : result
        }
    }

    /// Tells the plugin the guest dropped a handle: `[resource-drop]<name>` with the handle as
    /// its one `list<u8>` parameter. Best effort: a plugin that cannot be reached keeps it.
    private func dropRemote(_ handle: RemoteHandle, resource: String, instance: String) {
        var parameters: [UInt8] = []
        try? WRPCEncoder.encode(.list(handle.bytes.map(Value.u8)), as: .list(.u8), into: &parameters)
        _ = try? invoker.invoke(instance: instance, function: "[resource-drop]\(resource)", parameters: WRPCSegments(parameters),
                                deadline: .now + min(timeout, .seconds(2)))
    }
}
