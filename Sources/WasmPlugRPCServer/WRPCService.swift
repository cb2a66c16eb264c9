import WasmPlugBytes
import WasmPlugEngine
import WasmPlugWIT
import WasmPlugWRPC

/// The functions a wRPC server serves, by instance and function name, with their types.
///
/// Functions are served under their wire names, as real wRPC peers call them (``WRPCName``):
/// `[method]bucket.get` is served as `bucket.get`, `[constructor]counter` as `counter`.
///
/// Handlers see component values (``Value``). A resource handle is its opaque wire bytes, a
/// `list<u8>` value: a handler that returns `own<R>` returns the bytes that identify the
/// resource, and receives the same bytes back in later calls (`R.m`). Clients never say they
/// are done with one (real wRPC has no drop call), so the bytes should name something the
/// server can keep or forget by its own rule (docs/rpc-plugins.md, "Resource lifetimes").
public final class WRPCService: @unchecked Sendable {
    // Safe to share: functions are registered before serving starts, then only read.

    /// Runs a call: the parameter tuple in, the result tuple out (empty for no result). A thrown
    /// error fails the call; the client sees the call closed without an answer, and the error
    /// is logged.
    public typealias Handler = @Sendable ([Value]) throws -> [Value]

    /// Where a handler runs.
    public enum Execution: Sendable {
        /// On a thread of the server's pool, so the handler may block (I/O, locks, a device):
        /// the default.
        case mayBlock
        /// On the event loop that read the call, which saves the two thread hops to the pool and
        /// back (tens of microseconds a call on a 2-core machine). Only for handlers that never
        /// block: while one runs, no other call on that event loop makes progress.
        case nonBlocking
    }

    struct Function {
        let parameters: [ValueType]
        let results: [ValueType]
        let execution: Execution
        let handler: Handler
    }

    private var functions: [String: [String: Function]] = [:]
    /// The largest parameter data accepted for one call.
    public let maxParameterSize: Int
    let decoder: WRPCDecoder

    public init(maxParameterSize: Int = 64 << 20) {
        self.maxParameterSize = maxParameterSize
        self.decoder = WRPCDecoder(maxLength: maxParameterSize)
    }

    /// Serves `function` of `instance` (e.g. `wasi:keyvalue/store@0.2.0-draft`, `bucket.get`)
    /// under its wire name: the component-model spelling (`[method]bucket.get`) is served as
    /// `bucket.get` too.
    public func register(instance: String, function: String, parameters: [ValueType], results: [ValueType],
                         execution: Execution = .mayBlock, handler: @escaping Handler) {
        functions[instance, default: [:]][WRPCName.function(function)] = Function(parameters: parameters, results: results, execution: execution,
                                                               handler: handler)
    }

    /// Serves `function` with `handler`.
    public func register(_ function: WireFunction, execution: Execution = .mayBlock, handler: @escaping Handler) {
        register(instance: function.interface, function: function.name, parameters: function.type.parameters.map(\.type),
                 results: function.type.result.map { [$0] } ?? [], execution: execution, handler: handler)
    }

    /// Serves every function of a WIT interface, with `handler(function name, parameters)`
    /// (the WIT's name, `[method]bucket.get`, served as `bucket.get`); resources are handles as
    /// described above.
    public func register(_ interface: WITInterface,
                         handler: @escaping @Sendable (_ function: String, _ parameters: [Value]) throws -> [Value]) throws(WRPCServiceError) {
        for function in interface.functions {
            let type: FunctionType
            do {
                type = try function.functionType { _, _ in .list(.u8) }
            } catch {
                throw WRPCServiceError("\(interface.name): \(error)")
            }
            register(WireFunction(interface: interface.name, name: function.name, type: type)) { try handler(function.name, $0) }
        }
    }

    /// The names served, as `instance.function` with wire names.
    public var names: [String] {
        functions.flatMap { instance, functions in functions.keys.map { "\(instance).\($0)" } }.sorted()
    }

    /// Every (instance, wire name) pair served.
    public var entries: [(instance: String, function: String)] {
        functions.flatMap { instance, functions in functions.keys.map { (instance, $0) } }
    }

    /// The function for a call's header (a wire name). An unknown instance is also looked up without its
    /// version, so a client at `wasi:keyvalue/store@0.2.0` reaches a server at `@0.2.0-draft`
    /// only when exactly one served instance has that unversioned name.
    func function(instance: String, name: String) -> Function? {
        if let function = functions[instance]?[name] { return function }
        let unversioned = InterfaceName(instance).unversioned
        let candidates = functions.filter { InterfaceName($0.key).unversioned == unversioned }
        return candidates.count == 1 ? candidates.first!.value[name] : nil
    }

    /// Decodes the parameters (unless they already are), runs the handler and appends the
    /// encoded results to `results`.
    func call(_ function: Function, parameters: CallParameters, into results: inout some ByteSink) throws {
        let values: [Value]
        switch parameters {
        case .encoded(let bytes): values = try decoder.decode(function.parameters, from: bytes)
        case .decoded(let decoded): values = decoded
        }
        try WRPCEncoder.encode(try function.handler(values), as: function.results, appendingTo: &results)
    }
}

/// A call's parameter tuple as it reached the server: its wire bytes, or already decoded (a
/// NATS call whose first message held them all).
enum CallParameters: Sendable {
    case encoded([UInt8])
    case decoded([Value])
}

/// A WIT function a service cannot carry, named with the reason.
public struct WRPCServiceError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
