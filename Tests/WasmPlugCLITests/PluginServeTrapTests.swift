import Foundation
import WasmPlugTestSupport
import XCTest

/// `wasmplug plugin serve plugin.wasm` after a call traps the component: that call fails
/// alone, its trap goes to the server's log, and the component starts over for the next call.
final class PluginServeTrapTests: XCTestCase {
    static func call(_ function: String, _ parameters: [UInt8]) -> [UInt8] {
        FramedClient.call(instance: "wasmplug:test/echo@0.1.0", function: function, parameters: parameters)
    }

    func testATrappingCallFailsAloneAndTheNextCallIsServed() throws {
        let server = try BackgroundProcess(CLI.executable.path, ["plugin", "serve", "--target", "127.0.0.1:0", CLI.guest("values.wasm")])
        let line = try server.waitForOutput(containing: "serving ")
        let client = try XCTUnwrap(FramedClient(servingLine: line), line)
        let add = Self.call("add", [0x02, 0x03])  // add(2, 3)
        XCTAssertEqual(client.exchange(add), [0x00, 0x01, 0x05], "a root frame holding 5")
        XCTAssertEqual(client.exchange(Self.call("fail", FramedClient.string("boom"))), [], "the trapping call gets no answer")
        try server.waitForOutput(containing: "wasmplug:test/echo@0.1.0.fail failed:")
        XCTAssertTrue(server.output.contains("unreachable"), "the trap's message is in the log: \(server.output)")
        for _ in 0..<3 {
            XCTAssertEqual(client.exchange(add), [0x00, 0x01, 0x05], "served after the trap: \(server.output)")
        }
        XCTAssertEqual(client.exchange(Self.call("fail", FramedClient.string("boom"))), [])
        XCTAssertEqual(client.exchange(add), [0x00, 0x01, 0x05], "and after another one")
    }
}
