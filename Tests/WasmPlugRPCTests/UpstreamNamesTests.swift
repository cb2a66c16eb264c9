import Foundation
import WasmPlugEngine
import WasmPlugRPC
import WasmPlugRPCServer
import WasmPlugTestSupport
import WasmPlugWRPC
import XCTest

/// wasmplug's client against a server that, like a real wRPC server, serves a resource's
/// functions only under upstream's names (`counter`, `counter.increment`), over every transport.
final class UpstreamNamesTests: XCTestCase {
    func testResourceFunctionsAreCalledByUpstreamsNames() throws {
        let (nats, natsPort) = try startNATSServer()
        let socket = try temporaryDirectory().appendingPathComponent("counter.sock").path
        for address in [WRPCAddress.tcp(host: "127.0.0.1", port: 0), .unix(path: socket),
                        .nats(host: "127.0.0.1", port: UInt16(natsPort), prefix: "upstream")] {
            let counters = UpstreamCounterServer()
            let server = WRPCServer(service: counters.service, log: { _ in })
            let bound = try server.start(address)
            let instance = try RoundTrip.instance(RPCPlugin(target: bound, imports: ["wasmplug:test/host"]))
            let use = try XCTUnwrap(instance.function(["wasmplug:test/resources@0.1.0", "use-counter"]))
            XCTAssertEqual(try use.call([.u32(5), .u32(3)]), .u32(8), "over \(bound)")
            XCTAssertEqual(counters.served, ["counter", "counter.increment", "counter.increment", "counter.increment", "counter-total"],
                           "over \(bound)")
            try server.shutdown()
        }
        withExtendedLifetime(nats) {}
    }
}

/// `wasmplug:test/host`'s counter resource, registered under the names a real wRPC server
/// registers (`rpc_func_name`): the constructor as `counter`, the method as `counter.increment`.
final class UpstreamCounterServer: @unchecked Sendable {
    // Safe to share: `values` and `calls` are only touched under `lock`.
    let service = WRPCService()
    private let lock = NSLock()
    private var values: [[UInt8]: UInt32] = [:]
    private var calls: [String] = []

    /// The functions called, in order.
    var served: [String] { lock.withLock { calls } }

    init() {
        let instance = "wasmplug:test/host@0.1.0"
        service.register(instance: instance, function: "counter", parameters: [.u32], results: [.list(.u8)]) { [self] arguments in
            guard case .u32(let start) = arguments[0] else { throw WRPCServiceError("counter: expected a u32") }
            let handle = (0..<16).map { _ in UInt8.random(in: 0...255) }
            record("counter") { values[handle] = start }
            return [.list(handle.map(Value.u8))]
        }
        service.register(instance: instance, function: "counter.increment", parameters: [.list(.u8)], results: [.u32]) { [self] arguments in
            let handle = try Self.handle(arguments[0])
            return [.u32(try record("counter.increment") { () throws -> UInt32 in
                guard let value = values[handle] else { throw WRPCServiceError("counter.increment: unknown handle") }
                values[handle] = value + 1
                return value + 1
            })]
        }
        service.register(instance: instance, function: "counter-total", parameters: [.list(.u8)], results: [.u32]) { [self] arguments in
            let handle = try Self.handle(arguments[0])
            return [.u32(record("counter-total") { values[handle] ?? 0 })]
        }
    }

    private func record<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        try lock.withLock {
            calls.append(name)
            return try body()
        }
    }

    private static func handle(_ value: Value) throws -> [UInt8] {
        guard case .list(let elements) = value else { throw WRPCServiceError("expected a handle") }
        return elements.map { if case .u8(let byte) = $0 { byte } else { 0 } }
    }
}
