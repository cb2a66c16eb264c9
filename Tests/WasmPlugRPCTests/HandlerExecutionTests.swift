import NIOPosix
import WasmPlugEngine
import WasmPlugRPC
import WasmPlugRPCServer
import XCTest

/// Where the server SDK runs a handler: on its thread pool by default, on the event loop that
/// read the call when the handler is registered as non-blocking.
final class HandlerExecutionTests: XCTestCase {
    func testHandlersRunOnThePoolUnlessRegisteredAsNonBlocking() throws {
        for (execution, onEventLoop) in [(WRPCService.Execution.mayBlock, false), (.nonBlocking, true)] {
            let service = WRPCService()
            service.register(instance: "wasmplug:test/host@0.1.0", function: "echo-u32", parameters: [.u32], results: [.u32],
                             execution: execution) { arguments in
                // The answer says where the handler ran: 1 on an event loop, 0 elsewhere.
                [.u32(MultiThreadedEventLoopGroup.currentEventLoop == nil ? 0 : 1)]
            }
            let server = WRPCServer(service: service, log: { _ in })
            defer { try? server.shutdown() }  // also when a call below throws
            guard case .tcp(let host, let port) = try server.start(.tcp(host: "127.0.0.1", port: 0)) else { return XCTFail() }
            let instance = try RoundTrip.instance(RPCPlugin(target: .tcp(host: host, port: UInt16(port)), imports: ["wasmplug:test/host"]))
            for _ in 0..<3 {
                XCTAssertEqual(try RoundTrip.echo(instance, "echo-u32").call([.u32(7)]), .u32(onEventLoop ? 1 : 0), "\(execution)")
            }
        }
    }
}
