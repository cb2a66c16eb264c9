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
        try resources.define(item, in: linker) { instance, function, type in
            try instance.function(function, borrowing: binding(instance: item.name, function: function, type: type, handles: handles))
        }
    }

    /// The host function that forwards one imported function. It works on the engine's values
    /// so that a string parameter goes from Wasmtime's copy to the socket, and a string result
    /// from the answer to Wasmtime's, with no Swift `String` between (the RPC plugins guide).
    private func binding(instance: String, function: String, type: FunctionType, handles: RPCHandles) -> BorrowedHostFunction {
        let parameterTypes = type.parameters.map(\.type)
        let wireParameters = parameterTypes.map(\.onTheWire)
        let resultTypes = type.result.map { [$0] } ?? []
        let wireResults = resultTypes.map(\.onTheWire)
        let holdsResources = (parameterTypes + resultTypes).contains(where: \.holdsResources)
        let name = "\(instance).\(function)"
        let wireName = WRPCName.function(function)
        return { [self] caller, arguments, result in
            /// A call that could not complete: tell `onCallFailure`, trap the guest.
            func fail(_ message: String, naming target: WRPCAddress? = target) -> WasmtimeError {
                let text = "\(label)\(target.map { " \($0)" } ?? ""): \(name): \(message)"
                onCallFailure?(RPCError(text))
                return WasmtimeError(.trap, text)
            }
            var parameters = WRPCSegments()
            func encode(_ body: (inout WRPCSegments) throws(WRPCError) -> Void) throws(WasmtimeError) {
                do throws(WRPCError) { try body(&parameters) } catch {
                    throw WasmtimeError(.trap, "\(label) \(target): \(name): \(error.message)")
                }
            }
            for (index, wireType) in wireParameters.enumerated() {
                if wireType == .string, let utf8 = arguments.utf8(at: index) {
                    try encode { (segments) throws(WRPCError) in try WRPCEncoder.encodeString(utf8: utf8, appendingTo: &segments) }
                } else {
                    let argument = arguments.value(at: index)
                    let lowered = holdsResources ? try handles.lower(argument, parameterTypes[index], caller) : argument
                    try encode { (segments) throws(WRPCError) in try WRPCEncoder.encode(lowered, as: wireType, appendingTo: &segments) }
                }
            }
            let answer: [UInt8]?
            do throws(RPCError) {
                // `parameters` may point into `arguments`, which stay valid until this function returns.
                answer = try invoker.invoke(instance: instance, function: wireName, parameters: parameters,
                                            deadline: .now + timeout)
            } catch {
                throw fail(error.message, naming: nil)  // the transport's message names the target
            }
            guard let answer else {
                if resultTypes.isEmpty { return }
                throw fail("the plugin closed the call without answering (see the plugin's log)")
            }
            if wireResults == [.string], let result {
                do {
                    let range = try decoder.stringRange(inStringTuple: answer)
                    try answer.withUnsafeBytes { try result.writeString(utf8: UnsafeRawBufferPointer(rebasing: $0[range])) }
                } catch {
                    throw fail("invalid answer: \(error)")
                }
                return
            }
            let results: [Value]
            do throws(WRPCError) { results = try decoder.decode(wireResults, from: answer) } catch { throw fail("invalid answer: \(error)") }
            guard let value = results.first, let resultType = resultTypes.first, let result else { return }
            try result.write(holdsResources ? try handles.lift(value, resultType, caller) : value)
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
